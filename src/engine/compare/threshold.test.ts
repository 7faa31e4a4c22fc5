import { describe, expect, it } from 'vitest';
import { jointHistogram2D, scoreHistogram } from './histogram';
import { shareAbove, shareAboveChange } from './shareAbove';
import { matchOperatingPoint, thresholdStats } from './threshold';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('thresholdStats', () => {
  it('flags score ≥ threshold; unlabelled rows count as alerts only', () => {
    const labels = Uint8Array.from([1, 1, 0, 0, 0, 2, 1]);
    const s = f64([0.9, 0.5, 0.5, 0.2, 0.7, 0.8, NaN]);
    const t = thresholdStats(labels, s, 0.5);
    expect(t).toMatchObject({ n: 6, alerts: 5, labelled: 5, tp: 2, fp: 2, tn: 1, fn: 0 });
    expect([t.tpr, t.fpr, t.precision, t.alertRate]).toEqual([1, 2 / 3, 0.5, 5 / 6]);
    expect(thresholdStats(labels, s, 2).precision).toBeNaN();
  });
});

describe('matchOperatingPoint', () => {
  // Negatives' scores: base 0.1 0.2 0.3 0.4 0.5;  other 0.15 0.35 0.35 0.6 0.8. Positives 0.9/0.95.
  const labels = Uint8Array.from([0, 0, 0, 0, 0, 1, 1]);
  const base = f64([0.1, 0.2, 0.3, 0.4, 0.5, 0.9, 0.9]);
  const other = f64([0.15, 0.35, 0.35, 0.6, 0.8, 0.95, 0.95]);

  it('matches the false positive count exactly when possible', () => {
    // Base at 0.45 → 1 FP. Other: ≥ 0.8 → 1 FP.
    const m = matchOperatingPoint(labels, base, 0.45, other, 'fpr');
    expect([m.target, m.threshold, m.achieved, m.other.fp, m.other.fpr]).toEqual([
      1, 0.8, 1, 1, 0.2,
    ]);
    expect(m.base.fpr).toBe(0.2);
  });

  it('breaks ties towards the higher threshold', () => {
    // Base at 0.25 → 3 FP. Other: ≥ 0.6 → 2, ≥ 0.35 → 4: both miss by 1 → 0.6 wins.
    const m = matchOperatingPoint(labels, base, 0.25, other, 'fpr');
    expect([m.target, m.threshold, m.achieved]).toEqual([3, 0.6, 2]);
  });

  it('matches alert volume over rows where both scores exist, labels not needed', () => {
    const l = Uint8Array.from([2, 2, 2, 2, 2, 2, 2]);
    const o = f64([0.15, 0.35, 0.35, 0.6, 0.8, 0.95, NaN]);
    // Row 6 drops out (no other score). Base ≥ 0.45: 0.5, 0.9 → 2 alerts. Other ≥ 0.8: 2.
    const m = matchOperatingPoint(l, base, 0.45, o, 'alerts');
    expect([m.target, m.threshold, m.achieved, m.base.n, m.other.n]).toEqual([2, 0.8, 2, 6, 6]);
  });
});

describe('histograms', () => {
  it('bins like numpy: [edge, next) with the top value in the last bin', () => {
    const h = scoreHistogram(f64([0, 0.25, 0.5, 0.74, 1, NaN]), 4);
    expect(Array.from(h.edges)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(h.counts)).toEqual([1, 1, 2, 1]);
    const r = scoreHistogram(f64([-1, 0.1, 0.9, 2]), 2, undefined, { lo: 0, hi: 1 });
    expect([...r.counts, r.n, r.outside]).toEqual([1, 1, 2, 2]);
  });

  it('widens a constant range by ½ each way and falls back to [0, 1] when empty', () => {
    expect(Array.from(scoreHistogram(f64([3, 3]), 2).edges)).toEqual([2.5, 3, 3.5]);
    expect(Array.from(scoreHistogram(f64([NaN]), 2).edges)).toEqual([0, 0.5, 1]);
  });

  it('2D: row = A bin, column = B bin, on a shared range of both scores', () => {
    const h = jointHistogram2D(f64([0, 0, 1, NaN]), f64([0, 2, 2, 1]), 2);
    expect(Array.from(h.edges)).toEqual([0, 1, 2]);
    expect(Array.from(h.counts)).toEqual([1, 1, 0, 1]);
    expect(h.n).toBe(3);
  });
});

describe('share above a threshold', () => {
  it('counts strictly above, with a Wilson interval', () => {
    const s = shareAbove(f64([0.7, 0.71, 0.2, NaN]), 0.7);
    expect([s.n, s.above, s.share]).toEqual([3, 1, 1 / 3]);
    expect(s.lo).toBeLessThan(1 / 3);
  });

  it('pairs the rows: crossings feed McNemar', () => {
    // A: 0.8 0.6 0.9 0.1 NaN;  B: 0.6 0.8 0.95 0.75 0.9 (t = 0.7)
    // row 0 down, row 1 up, row 2 stays above, row 3 up, row 4 unpaired.
    const c = shareAboveChange(
      f64([0.8, 0.6, 0.9, 0.1, NaN]),
      f64([0.6, 0.8, 0.95, 0.75, 0.9]),
      0.7,
    );
    expect(c).toMatchObject({ n: 4, aboveA: 2, aboveB: 3, crossedDown: 1, crossedUp: 2 });
    expect(c.delta).toBe(0.25);
    // Exact: b + c = 3, P(X ≤ 1) = 4/8 → p = 1.
    expect(c.test).toEqual({ b: 1, c: 2, statistic: 1, p: 1, exact: true });
  });
});
