import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from './prng';
import { drawMultinomialWeights } from './weights';

describe('drawMultinomialWeights', () => {
  it('handles one, two and three units (shift edge cases)', () => {
    const g = new Xoshiro128(1);
    const chunk = new Uint32Array(64);
    const w = new Uint32Array(3);
    drawMultinomialWeights(g, w, 1, chunk);
    expect(w[0]).toBe(1);
    for (const size of [2, 3]) {
      const seen = new Float64Array(size);
      for (let r = 0; r < 3000; r++) {
        drawMultinomialWeights(g, w, size, chunk);
        let total = 0;
        for (let u = 0; u < size; u++) {
          total += w[u]!;
          seen[u]! += w[u]!;
        }
        expect(total).toBe(size);
      }
      // Each unit's mean count is 1 (SE ≈ 0.015 over 3000 resamples).
      seen.forEach((s) => expect(Math.abs(s / 3000 - 1)).toBeLessThan(0.06));
    }
  });

  it('is a uniform multinomial across full and partial blocks', () => {
    // 40000 units = two full blocks of 16384 and a partial one of 7232.
    const size = 40000;
    const g = new Xoshiro128(2);
    const w = new Uint32Array(size);
    const chunk = new Uint32Array(4096);
    const reps = 60;
    const mean = new Float64Array(size);
    let sumSq = 0;
    for (let r = 0; r < reps; r++) {
      drawMultinomialWeights(g, w, size, chunk);
      let total = 0;
      for (let u = 0; u < size; u++) {
        const c = w[u]!;
        total += c;
        mean[u]! += c / reps;
        sumSq += c * c;
      }
      expect(total).toBe(size);
    }
    // Per-unit counts are Binomial(n, 1/n): variance (1 − 1/n) ≈ 1, so E[c²] ≈ 2.
    expect(Math.abs(sumSq / (reps * size) - 2)).toBeLessThan(0.02);
    // Draws per region: the first, middle and last (partial) blocks each get their share.
    const share = (lo: number, hi: number) => mean.subarray(lo, hi).reduce((s, v) => s + v, 0);
    for (const [lo, hi] of [
      [0, 16384],
      [16384, 32768],
      [32768, 40000],
      [39000, 40000],
    ] as const) {
      // Mean over reps of a Binomial(n, k/n) block total: SE ≈ √(k/reps).
      expect(Math.abs(share(lo, hi) - (hi - lo))).toBeLessThan(4 * Math.sqrt((hi - lo) / reps));
    }
  });
});
