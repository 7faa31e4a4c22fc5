import { describe, expect, it } from 'vitest';
import { rocAuc } from './binary';

// Hand-worked ties, 4 positives / 4 negatives:
//   pos 0.9 0.8 0.5 0.3    neg 0.8 0.5 0.2 0.1
// Pairs won by each positive (#neg below + ½·#neg equal):
//   0.9 → 4;  0.8 → 3 + ½ = 3.5;  0.5 → 2 + ½ = 2.5;  0.3 → 2.   U = 12, AUC = 12/16 = 0.75.
// Rank check: sorted 0.1n 0.2n 0.3p {0.5p 0.5n} {0.8p 0.8n} 0.9p → average ranks of the
//   positives 3, 4.5, 6.5, 8 sum to 22; U = 22 − 4·5/2 = 12. ✓
const LABELS = [1, 0, 1, 0, 1, 0, 1, 0];
const SCORES = [0.9, 0.8, 0.8, 0.5, 0.5, 0.2, 0.3, 0.1];

/** O(n²) pair count: a second, independent definition of AUC. */
function pairAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let won = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      const d = scores[i]! - scores[j]!;
      won += d > 0 ? 1 : d === 0 ? 0.5 : 0;
    }
  }
  return won / pairs;
}

describe('rocAuc', () => {
  it('matches the hand-worked tie example', () => {
    expect(rocAuc(Uint8Array.from(LABELS), Float64Array.from(SCORES))).toBe(0.75);
    expect(rocAuc(Int32Array.from(LABELS), Float32Array.from(SCORES))).toBe(0.75);
  });

  it('skips other labels, NaN scores and masked rows', () => {
    // Extra rows would move the AUC if counted: label 2 and -1 with extreme scores, a NaN-scored
    // negative, and a masked-out positive scored below everything.
    const labels = Int32Array.from([...LABELS, 2, -1, 0, 1]);
    const scores = Float64Array.from([...SCORES, 5, -5, NaN, -9]);
    const mask = Uint8Array.from([...LABELS.map(() => 1), 1, 1, 1, 0]);
    expect(rocAuc(labels, scores, mask)).toBe(0.75);
  });

  it('gives 1, 0 and 0.5 for perfect, inverted and all-tied scores', () => {
    const labels = Uint8Array.from([0, 0, 1, 1]);
    expect(rocAuc(labels, Float64Array.from([0.1, 0.2, 0.3, 0.4]))).toBe(1);
    expect(rocAuc(labels, Float64Array.from([0.4, 0.3, 0.2, 0.1]))).toBe(0);
    expect(rocAuc(labels, Float64Array.from([0.5, 0.5, 0.5, 0.5]))).toBe(0.5);
  });

  it('returns NaN when empty or only one class is present', () => {
    expect(rocAuc(new Uint8Array(0), new Float64Array(0))).toBeNaN();
    expect(rocAuc(Uint8Array.from([1, 1]), Float64Array.from([0.2, 0.8]))).toBeNaN();
    expect(rocAuc(Uint8Array.from([1, 0]), Float64Array.from([0.2, NaN]))).toBeNaN();
  });

  it('agrees with brute-force pair counting on seeded data with heavy ties', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1000) / 1000;
    const n = 400;
    const labels = new Int32Array(n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = rand() < 0.4 ? 1 : 0;
      scores[i] = Math.round((rand() + 0.3 * labels[i]!) * 10) / 10;
    }
    expect(rocAuc(labels, scores)).toBeCloseTo(pairAuc(labels, scores), 14);
  });

  it('rejects mismatched lengths', () => {
    expect(() => rocAuc(new Uint8Array(3), new Float64Array(2))).toThrow(RangeError);
  });
});
