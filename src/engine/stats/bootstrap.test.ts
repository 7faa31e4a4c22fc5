import { describe, expect, it } from 'vitest';
import { bootstrap, ProgressiveBootstrap, quantileSorted } from './bootstrap';
import { rankStatistic } from './rankStatistics';
import { meanStatistic, proportionStatistic } from './statistics';

// Statistical properties, not exact values: the replicates depend on the PRNG stream.

describe('ProgressiveBootstrap', () => {
  const outcome = Uint8Array.from({ length: 300 }, (_, i) => (i % 10 < 7 ? 1 : 0));
  const values = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i) * 3 + (i % 7));

  it('reproduces with the same seed, whatever the step sizes', () => {
    for (const stat of [proportionStatistic(outcome), meanStatistic(values)]) {
      const once = new ProgressiveBootstrap(stat, { seed: 5 });
      once.step(200);
      const chunked = new ProgressiveBootstrap(stat, { seed: 5 });
      chunked.step(1);
      chunked.step(59);
      const r = chunked.step(140);
      expect(Array.from(chunked.replicates())).toEqual(Array.from(once.replicates()));
      expect(r).toEqual(once.current());
      expect(r.resamples).toBe(200);
      const other = new ProgressiveBootstrap(stat, { seed: 6 });
      other.step(200);
      expect(Array.from(other.replicates())).not.toEqual(Array.from(once.replicates()));
    }
  });

  it('refines: the interval exists after a few resamples and settles as they grow', () => {
    const b = new ProgressiveBootstrap(meanStatistic(values), { seed: 2 });
    const first = b.step(20);
    expect(first.lo).toBeLessThan(first.estimate);
    expect(first.hi).toBeGreaterThan(first.estimate);
    const later = b.step(2000);
    expect(later.resamples).toBe(2020);
    // Analytic SE of the mean: sd/√n.
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    expect(Math.abs(later.se / (sd / Math.sqrt(300)) - 1)).toBeLessThan(0.06);
  });

  it('draws category counts with the same distribution as weighting rows', () => {
    // Accuracy 0.7 over 300 rows: SE √(0.21/300) ≈ 0.02646 by either route.
    const counts = bootstrap(proportionStatistic(outcome), 4000, { seed: 3 });
    const asMean = bootstrap(meanStatistic(Float64Array.from(outcome)), 4000, { seed: 3 });
    const se = Math.sqrt((0.7 * 0.3) / 300);
    expect(Math.abs(counts.se / se - 1)).toBeLessThan(0.05);
    expect(Math.abs(asMean.se / se - 1)).toBeLessThan(0.05);
    expect(Math.abs(counts.lo - asMean.lo)).toBeLessThan(0.006);
    expect(Math.abs(counts.hi - asMean.hi)).toBeLessThan(0.006);
  });

  it('counts resamples where the statistic is undefined as failed and skips them', () => {
    // 1 positive among 6 rows: a resample misses it with probability (5/6)^6 ≈ 33%.
    const stat = rankStatistic(
      'auc',
      Uint8Array.of(1, 0, 0, 0, 0, 0),
      Float64Array.of(0.9, 0.1, 0.2, 0.3, 0.4, 0.95),
    );
    const r = bootstrap(stat, 600, { seed: 4 });
    expect(r.failed / r.resamples).toBeGreaterThan(0.25);
    expect(r.failed / r.resamples).toBeLessThan(0.42);
    expect(r.lo).toBeGreaterThanOrEqual(0);
    expect(r.hi).toBeLessThanOrEqual(1);
    const empty = bootstrap(meanStatistic(new Float64Array(0)), 10);
    expect([empty.failed, empty.lo, empty.hi, empty.se]).toEqual([10, NaN, NaN, NaN]);
  });

  it('quantiles interpolate like numpy', () => {
    const s = Float64Array.of(1, 2, 4, 8);
    expect(quantileSorted(s, 0.5)).toBe(3);
    expect(quantileSorted(s, 0.025)).toBeCloseTo(1.075, 15); // h = 0.075
    expect(quantileSorted(s, 1)).toBe(8);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});
