import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../stats/prng';
import { operatingCurve } from './curves';
import { curveOfRanked, indexedCurve } from './indexedCurve';
import { rankedScore } from './scoreIndex';

/** Coarse scores (many ties, ±0), some NaN; labels 0/1 with some missing (2); a cohort mask. */
function randomCase(seed: number, n: number, f64: boolean) {
  const g = new Xoshiro128(seed);
  const score = f64 ? new Float64Array(n) : new Float32Array(n);
  const labels = new Uint8Array(n);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = g.nextFloat();
    score[i] = u < 0.05 ? NaN : u < 0.1 ? -0 : Math.floor(g.nextFloat() * 60) / 40 - 0.5;
    labels[i] = g.nextFloat() < 0.05 ? 2 : g.nextFloat() < 0.3 ? 1 : 0;
    mask[i] = g.nextFloat() < 0.6 ? 1 : 0;
  }
  return { score, labels, mask };
}

describe('the curve from the sorted-score index', () => {
  it('equals operatingCurve (two sorts and a merge) point for point', () => {
    for (const seed of [1, 2, 3]) {
      for (const f64 of [false, true]) {
        const { score, labels, mask } = randomCase(seed, 4000, f64);
        for (const rows of [undefined, mask]) {
          const want = operatingCurve(labels, score, rows);
          const got = curveOfRanked(rankedScore(labels, score, rows), score);
          expect(got.nPos).toBe(want.nPos);
          expect(got.nNeg).toBe(want.nNeg);
          expect(Array.from(got.thresholds)).toEqual(Array.from(want.thresholds));
          expect(Array.from(got.tp)).toEqual(Array.from(want.tp));
          expect(Array.from(got.fp)).toEqual(Array.from(want.fp));
        }
      }
    }
  });

  it('handles distinct scores, one class only and no usable rows', () => {
    const score = new Float32Array([0.9, 0.1, 0.4, 0.4, NaN]);
    for (const labels of [
      new Uint8Array([1, 0, 1, 0, 1]),
      new Uint8Array([1, 1, 1, 1, 1]),
      new Uint8Array([2, 2, 2, 2, 2]),
    ]) {
      const want = operatingCurve(labels, score);
      const got = indexedCurve(labels, score);
      expect({ ...got, thresholds: Array.from(got.thresholds) }).toEqual({
        ...want,
        thresholds: Array.from(want.thresholds),
      });
    }
  });

  it('is kept per score, labels and cohort', () => {
    const { score, labels, mask } = randomCase(9, 500, false);
    expect(indexedCurve(labels, score, mask)).toBe(indexedCurve(labels, score, mask));
    expect(indexedCurve(labels, score)).not.toBe(indexedCurve(labels, score, mask));
  });
});
