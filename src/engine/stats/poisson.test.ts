import { describe, expect, it } from 'vitest';
import { fillWeights, fmix32, poissonWeight, resampleKey } from './poisson';

describe('Poisson(1) bootstrap weights', () => {
  it('have mean ≈ 1, variance ≈ 1 and the Poisson(1) frequencies over many rows', () => {
    const n = 400_000;
    const freq = new Float64Array(10);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const w = poissonWeight(7, 3, i);
      sum += w;
      sq += w * w;
      freq[w]!++;
    }
    const mean = sum / n;
    const variance = sq / n - mean * mean;
    // Standard errors over 400k draws: mean 0.0016, variance ≈ 0.0035.
    expect(Math.abs(mean - 1)).toBeLessThan(0.008);
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
    // P(X = k) = e^-1 / k! for k = 0..4, each within 5 standard errors.
    let fact = 1;
    for (let k = 0; k <= 4; k++) {
      if (k > 0) fact *= k;
      const p = Math.exp(-1) / fact;
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(freq[k]! / n - p)).toBeLessThan(5 * se);
    }
  });

  it('differ between resamples and are uncorrelated across them (correlation 0 ± 0.0022)', () => {
    const n = 200_000;
    // Resamples 0 and 1 share a hash (its two halves); 1 and 2 do not.
    for (const [r1, r2] of [
      [0, 1],
      [1, 2],
    ]) {
      let sxy = 0;
      for (let i = 0; i < n; i++)
        sxy += (poissonWeight(1, r1!, i) - 1) * (poissonWeight(1, r2!, i) - 1);
      expect(Math.abs(sxy / n)).toBeLessThan(0.012);
    }
  });

  it('are a pure function of (seed, resample, row): fillWeights equals poissonWeight', () => {
    const keys = Int32Array.from({ length: 8 }, (_, j) => resampleKey(99, j));
    const out = new Uint8Array(20);
    for (const row of [0, 1, 17, 123_456, 2 ** 31 - 1]) {
      fillWeights(keys, 8, row, out, 4);
      for (let r = 0; r < 16; r++) expect(out[4 + r]).toBe(poissonWeight(99, r, row));
    }
    expect(resampleKey(99, 3)).toBe(resampleKey(99, 3));
    expect(resampleKey(99, 3)).not.toBe(resampleKey(98, 3));
  });

  it('fmix32 is murmur3 fmix32 (known values)', () => {
    // Reference values of MurmurHash3's fmix32 (C, uint32 arithmetic).
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });
});
