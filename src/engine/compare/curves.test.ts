import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../metrics/averagePrecision';
import { rocAuc } from '../metrics/binary';
import { Xoshiro128 } from '../stats/prng';
import {
  curveAp,
  curveAuc,
  operatingCurve,
  pointAtFalsePositives,
  prLine,
  rocLine,
} from './curves';
import { matchOperatingPoint } from './threshold';

// A hand case with ties across the classes (0.35 and 0.7 each hold one positive and one
// negative). Expected values from scikit-learn 1.9.1:
//   y = [0,0,1,1,0,1,0,1]; s = [0.1,0.4,0.35,0.8,0.35,0.9,0.7,0.7]
//   roc_curve(y, s, drop_intermediate=False)
//     fpr [0, 0, 0, .25, .5, .75, 1], tpr [0, .25, .5, .75, .75, 1, 1],
//     thresholds [inf, .9, .8, .7, .4, .35, .1]
//   precision_recall_curve(y, s) (reversed here: from the top score down)
//     precision [.5, .5714285714285714, .6, .75, 1, 1, 1], recall [1, 1, .75, .75, .5, .25, 0],
//     thresholds [.1, .35, .4, .7, .8, .9]
//   roc_auc_score 0.8125, average_precision_score 0.8303571428571428
// By hand: AUC = 13/16 (0.9 and 0.8 beat all 4 negatives, 0.7 beats 3 and ties 1, 0.35 beats 1
// and ties 1); AP = (1·.25 + 1·.25 + .75·.25 + .5714·.25) = 0.830357…
const y = Uint8Array.of(0, 0, 1, 1, 0, 1, 0, 1);
const s = Float64Array.of(0.1, 0.4, 0.35, 0.8, 0.35, 0.9, 0.7, 0.7);

describe('operatingCurve', () => {
  const c = operatingCurve(y, s);

  it('gives scikit-learn roc_curve points at every distinct threshold, ties as one step', () => {
    const roc = rocLine(c, 500);
    expect(roc.threshold).toEqual([Infinity, 0.9, 0.8, 0.7, 0.4, 0.35, 0.1]);
    expect(roc.x).toEqual([0, 0, 0, 0.25, 0.5, 0.75, 1]);
    expect(roc.y).toEqual([0, 0.25, 0.5, 0.75, 0.75, 1, 1]);
  });

  it('gives scikit-learn precision_recall_curve points, from recall 0 (precision 1) up', () => {
    const pr = prLine(c, 500);
    expect(pr.x).toEqual([0, 0.25, 0.5, 0.75, 0.75, 1, 1]);
    const want = [1, 1, 1, 0.75, 0.6, 0.5714285714285714, 0.5];
    pr.y.forEach((p, k) => expect(p).toBeCloseTo(want[k]!, 15));
    expect(pr.threshold.slice(1)).toEqual([0.9, 0.8, 0.7, 0.4, 0.35, 0.1]);
  });

  it('areas equal roc_auc_score and average_precision_score, and the engine metrics', () => {
    expect(curveAuc(c)).toBe(0.8125);
    expect(curveAp(c)).toBeCloseTo(0.8303571428571428, 15);
    expect(curveAuc(c)).toBe(rocAuc(y, s));
    expect(curveAp(c)).toBe(averagePrecision(y, s));
  });

  it('finds the point with the false positives asked for, ties to the higher threshold', () => {
    // fp along the curve: 0 (∞), 0 (.9), 0 (.8), 1 (.7), 2 (.4), 3 (.35), 4 (.1).
    expect(c.thresholds[pointAtFalsePositives(c, 0)]).toBe(0.9);
    expect(c.thresholds[pointAtFalsePositives(c, 1)]).toBe(0.7);
    expect(c.thresholds[pointAtFalsePositives(c, 9)]).toBe(0.1);
    // The same threshold matchOperatingPoint picks for a baseline flagging 2 negatives.
    const base = Float64Array.of(0, 0.5, 0, 0, 0.5, 0, 0, 0);
    const m = matchOperatingPoint(y, base, 0.5, s, 'fpr');
    expect(m.target).toBe(2);
    expect(c.thresholds[pointAtFalsePositives(c, m.target)]).toBe(m.threshold);
  });

  it('skips masked rows, NaN scores and rows without a 0/1 label', () => {
    const labels = Uint8Array.of(...y, 2, 1);
    const scores = Float64Array.of(...s, 0.99, NaN);
    const masked = operatingCurve(labels, scores, Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    expect([masked.nPos, masked.nNeg]).toEqual([4, 4]);
    const half = operatingCurve(y, s, Uint8Array.of(1, 1, 1, 1, 0, 0, 0, 0));
    // Rows 0–3: negatives 0.1, 0.4; positives 0.35, 0.8 → AUC 2/4 + (0.8 beats both) = 3/4.
    expect(curveAuc(half)).toBe(0.75);
  });

  it('downsamples a long curve to about the points asked, keeping both ends and the area', () => {
    const n = 100_000;
    const labels = new Uint8Array(n);
    const scores = new Float64Array(n);
    const g = new Xoshiro128(7);
    const rand = () => g.nextU32() / 2 ** 32;
    for (let i = 0; i < n; i++) {
      labels[i] = rand() < 0.3 ? 1 : 0;
      scores[i] = Math.min(1, Math.max(0, rand() * 0.8 + labels[i]! * 0.2));
    }
    const full = operatingCurve(labels, scores);
    expect(full.thresholds.length).toBeGreaterThan(50_000);
    const roc = rocLine(full, 300);
    expect(roc.x.length).toBeLessThanOrEqual(300);
    expect(roc.x.length).toBeGreaterThan(150);
    expect([roc.x[0], roc.y[0], roc.x.at(-1), roc.y.at(-1)]).toEqual([0, 0, 1, 1]);
    // The trapezoid under the kept points stays within 0.001 of the full area.
    let area = 0;
    for (let k = 1; k < roc.x.length; k++) {
      area += ((roc.x[k]! - roc.x[k - 1]!) * (roc.y[k]! + roc.y[k - 1]!)) / 2;
    }
    expect(Math.abs(area - curveAuc(full))).toBeLessThan(1e-3);
    expect(curveAuc(full)).toBeCloseTo(rocAuc(labels, scores), 12);
    expect(curveAp(full)).toBeCloseTo(averagePrecision(labels, scores), 12);
    expect(prLine(full, 300).x.length).toBeLessThanOrEqual(300);
  });
});
