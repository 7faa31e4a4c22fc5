import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../metrics/averagePrecision';
import { rocAuc } from '../metrics/binary';
import { pairedRankStatistic, rankStatistic } from './rankStatistics';
import { rowsFromMask } from './rows';
import {
  meanStatistic,
  pairedMeanStatistic,
  pairedProportionStatistic,
  proportionStatistic,
} from './statistics';

const u8 = (xs: number[]) => Uint8Array.from(xs);
const f64 = (xs: number[]) => Float64Array.from(xs);

describe('count statistics', () => {
  it('proportion: successes and failures, nulls and non-cohort rows skipped', () => {
    const s = proportionStatistic(u8([1, 0, 1, 2, 1, 0]), Uint32Array.of(0, 1, 2, 3, 4));
    expect(Array.from(s.categories)).toEqual([3, 1]);
    expect(s.estimate).toBe(0.75);
    expect(s.evaluate(f64([1, 3]))).toBe(0.25);
  });

  it('paired proportion: the four joint outcomes, Δ = B − A', () => {
    // rows: (A,B) = (1,1) (1,0) (0,1) (0,1) (0,0) (1,2 → skipped)
    const s = pairedProportionStatistic(u8([1, 1, 0, 0, 0, 1]), u8([1, 0, 1, 1, 0, 2]));
    expect(Array.from(s.categories)).toEqual([1, 1, 2, 1]);
    // A = 2/5, B = 3/5 → Δ = (c01 − c10)/n = (2 − 1)/5.
    expect([s.a, s.b, s.estimate]).toEqual([0.4, 0.6, 0.2]);
  });
});

describe('mean statistics', () => {
  it('skips NaN, honours the row subset, and weights act as repeated rows', () => {
    const s = meanStatistic(f64([1, NaN, 3, 10, 5]), Uint32Array.of(0, 1, 2, 4));
    expect(s.size).toBe(3); // units: 1, 3, 5
    expect(s.estimate).toBe(3);
    expect(s.evaluate(Uint32Array.of(2, 0, 1))).toBeCloseTo((1 + 1 + 5) / 3, 15);
    expect(s.evaluate(Uint32Array.of(0, 0, 0))).toBeNaN();
  });

  it('sqrt gives RMSE from squared errors', () => {
    expect(meanStatistic(f64([1, 4, 4]), undefined, { sqrt: true }).estimate).toBe(Math.sqrt(3));
  });

  it('paired: rows where both sides exist; Δ of means, with and without sqrt', () => {
    const a = f64([1, 2, NaN, 4]);
    const b = f64([2, 2, 9, 1]);
    const s = pairedMeanStatistic(a, b);
    expect([s.size, s.a, s.b]).toEqual([3, 7 / 3, 5 / 3]);
    expect(s.estimate).toBeCloseTo(-2 / 3, 15);
    expect(s.evaluate(Uint32Array.of(1, 0, 2))).toBeCloseTo((1 + 2 * -3) / 3, 15);
    const r = pairedMeanStatistic(a, b, undefined, { sqrt: true });
    expect(r.estimate).toBeCloseTo(Math.sqrt(5 / 3) - Math.sqrt(7 / 3), 15);
  });
});

describe('rank statistics', () => {
  // Hand-worked in metrics/binary.test.ts: AUC 0.75 with ties.
  const labels = u8([1, 0, 1, 0, 1, 0, 1, 0, 2]);
  const scores = f64([0.9, 0.8, 0.8, 0.5, 0.5, 0.2, 0.3, 0.1, 0.7]);

  it('estimates equal rocAuc and averagePrecision', () => {
    expect(rankStatistic('auc', labels, scores).estimate).toBe(0.75);
    expect(rankStatistic('ap', labels, scores).estimate).toBeCloseTo(
      averagePrecision(labels, scores),
      15,
    );
  });

  it('weighted evaluation equals the metric on the explicitly resampled rows', () => {
    for (const metric of ['auc', 'ap'] as const) {
      const stat = rankStatistic(metric, labels, scores);
      // Units are the rows with label 0/1 (not the label-2 row), in score order.
      expect(Array.from(stat.units).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const w = Uint32Array.of(3, 0, 1, 2, 0, 1, 2, 1);
      const rows: number[] = [];
      w.forEach((c, u) => rows.push(...Array<number>(c).fill(stat.units[u]!)));
      const l = u8(rows.map((i) => labels[i]!));
      const s = f64(rows.map((i) => scores[i]!));
      const direct = metric === 'auc' ? rocAuc(l, s) : averagePrecision(l, s);
      expect(stat.evaluate(w)).toBeCloseTo(direct, 15);
    }
  });

  it('is NaN when a resample drops a class', () => {
    const s = rankStatistic('auc', labels, scores);
    expect(s.evaluate(Uint32Array.of(8, 0, 0, 0, 0, 0, 0, 0))).toBeNaN();
  });

  it('paired: same units for both scores, Δ = B − A, rows from a mask', () => {
    const other = f64([0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.6, NaN, 0.5]);
    const mask = u8([1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const s = pairedRankStatistic('auc', labels, scores, other, rowsFromMask(mask));
    // Row 7 has no score under B, so A is re-measured without it: pos .9 .8 .5 .3 vs neg .8 .5 .2.
    // A: .9→3, .8→1+½... pairs won: .9:3, .8:2.5, .5:1.5, .3:1 → 8/12. B: every pos above every neg.
    expect(s.size).toBe(7);
    expect(s.a).toBeCloseTo(8 / 12, 15);
    expect(s.b).toBe(1);
    expect(s.estimate).toBeCloseTo(1 - 8 / 12, 15);
    // Reweighted: both versions see the same resampled rows.
    const w = Uint32Array.of(0, 2, 1, 3, 1, 0, 2);
    const picked: number[] = [];
    w.forEach((c, u) => picked.push(...Array<number>(c).fill(s.units[u]!)));
    const l = u8(picked.map((i) => labels[i]!));
    const delta =
      rocAuc(l, f64(picked.map((i) => other[i]!))) - rocAuc(l, f64(picked.map((i) => scores[i]!)));
    expect(s.evaluate(w)).toBeCloseTo(delta, 15);
  });
});
