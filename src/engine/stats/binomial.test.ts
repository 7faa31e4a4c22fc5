import { describe, expect, it } from 'vitest';
import { sampleBinomial, sampleMultinomial } from './binomial';
import { Xoshiro128 } from './prng';

/**
 * Exact Binomial(n, p) pmf by the ratio recurrence pmf(k+1) = pmf(k)·(n−k)/(k+1)·p/(1−p), in
 * logs because (1 − p)^n underflows for large n.
 */
function pmf(n: number, p: number): number[] {
  const logs = [n * Math.log1p(-p)];
  for (let k = 0; k < n; k++) {
    logs.push(logs[k]! + Math.log((n - k) / (k + 1)) + Math.log(p / (1 - p)));
  }
  return logs.map(Math.exp);
}

/**
 * Pearson chi-square of `draws` samples against the exact pmf, pooling cells with expected < 5.
 * Returns the statistic and its degrees of freedom.
 */
function chiSquare(n: number, p: number, draws: number, seed: number): [number, number] {
  const g = new Xoshiro128(seed);
  const seen = new Float64Array(n + 1);
  for (let i = 0; i < draws; i++) seen[sampleBinomial(g, n, p)]!++;
  const probs = pmf(n, p);
  let stat = 0;
  let cells = 0;
  let pooledObs = 0;
  let pooledExp = 0;
  for (let k = 0; k <= n; k++) {
    pooledObs += seen[k]!;
    pooledExp += probs[k]! * draws;
    if (pooledExp >= 5) {
      stat += (pooledObs - pooledExp) ** 2 / pooledExp;
      cells++;
      pooledObs = 0;
      pooledExp = 0;
    }
  }
  stat += pooledExp > 0 ? (pooledObs - pooledExp) ** 2 / pooledExp : 0;
  return [stat, cells - 1];
}

describe('sampleBinomial', () => {
  it('handles the degenerate cases exactly', () => {
    const g = new Xoshiro128(1);
    expect(sampleBinomial(g, 0, 0.4)).toBe(0);
    expect(sampleBinomial(g, 1000, 0)).toBe(0);
    expect(sampleBinomial(g, 1000, 1)).toBe(1000);
    expect(sampleBinomial(g, 1e9, 1)).toBe(1e9);
  });

  // Below 40 trials it counts Bernoulli draws; above it splits on Beta order statistics. Cases
  // on both sides, skewed and central. The 0.999 quantile of chi-square with df ≤ 60 is < 100
  // and about df + 3.1·√(2·df) in general: a fixed seed passing it is not a fluke.
  it.each([
    [12, 0.3],
    [60, 0.3],
    [200, 0.5],
    [1000, 0.02],
    [5000, 0.9],
  ])('Binomial(%i, %f) fits the exact pmf (chi-square)', (n, p) => {
    const [stat, df] = chiSquare(n, p, 20_000, n);
    expect(stat).toBeLessThan(df + 3.1 * Math.sqrt(2 * df) + 5);
  });

  it('has the right mean and variance for a million trials', () => {
    const g = new Xoshiro128(9);
    const n = 1_000_000;
    const p = 0.137;
    const draws = 5000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < draws; i++) {
      const k = sampleBinomial(g, n, p);
      s += k;
      ss += k * k;
    }
    const mean = s / draws;
    const variance = ss / draws - mean * mean;
    const v = n * p * (1 - p);
    // SE of the mean: √(v/draws) ≈ 4.9; of the variance: v·√(2/draws) ≈ 2.4e3 (v ≈ 1.18e5).
    expect(Math.abs(mean - n * p)).toBeLessThan(20);
    expect(Math.abs(variance / v - 1)).toBeLessThan(0.08);
  });
});

describe('sampleMultinomial', () => {
  it('puts every trial in some category, none in empty ones, in proportion', () => {
    const g = new Xoshiro128(5);
    const sizes = Float64Array.of(500, 0, 300, 200);
    const out = new Float64Array(4);
    const sum = new Float64Array(4);
    for (let r = 0; r < 2000; r++) {
      sampleMultinomial(g, 1000, sizes, out);
      expect(out[0]! + out[1]! + out[2]! + out[3]!).toBe(1000);
      expect(out[1]).toBe(0);
      for (let j = 0; j < 4; j++) sum[j]! += out[j]!;
    }
    // Means 500/300/200 per draw; SE over 2000 draws ≈ 0.35 or less.
    expect(Math.abs(sum[0]! / 2000 - 500)).toBeLessThan(1.5);
    expect(Math.abs(sum[2]! / 2000 - 300)).toBeLessThan(1.5);
    expect(Math.abs(sum[3]! / 2000 - 200)).toBeLessThan(1.5);
  });
});
