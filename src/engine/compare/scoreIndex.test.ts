import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../stats/prng';
import { matchOperatingPoint, thresholdStats } from './threshold';
import { rankStatistic, rowsFromMask } from '../stats';
import { rankEstimate } from '../stats/poissonBootstrap';
import { rankedScore, statsAt, thresholdCounts, thresholdForCount } from './scoreIndex';

/** Scores on a coarse grid (many ties), some NaN; labels 0/1 with some missing (2). */
function randomCase(seed: number, n: number) {
  const g = new Xoshiro128(seed);
  const score = new Float32Array(n);
  const other = new Float64Array(n);
  const labels = new Int32Array(n);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    score[i] = g.nextFloat() < 0.05 ? NaN : Math.floor(g.nextFloat() * 40) / 40;
    other[i] = g.nextFloat() < 0.05 ? NaN : Math.round(g.nextFloat() * 1000) / 1000;
    labels[i] = g.nextFloat() < 0.05 ? 2 : g.nextFloat() < 0.3 ? 1 : 0;
    mask[i] = g.nextFloat() < 0.6 ? 1 : 0;
  }
  return { score, other, labels, mask, g };
}

describe('sorted-score index', () => {
  it('counts at any threshold equal a plain loop (ties, NaN, missing labels, cohorts)', () => {
    for (const seed of [1, 2, 3]) {
      const { score, labels, mask, g } = randomCase(seed, 5000);
      const thresholds = [
        -1,
        0,
        0.5,
        0.525,
        1,
        2,
        NaN,
        ...Array.from({ length: 30 }, () => g.nextFloat()),
      ];
      for (const rows of [undefined, mask]) {
        const c = thresholdCounts(labels, score, rows);
        for (const t of thresholds) {
          if (t !== t) continue; // a NaN threshold is not a threshold the UI sends
          expect(statsAt(c, t)).toEqual(thresholdStats(labels, score, t, rows));
        }
      }
    }
  });

  it('matching an operating point agrees with matchOperatingPoint', () => {
    for (const seed of [4, 5, 6, 7]) {
      const { score, other, labels, mask } = randomCase(seed, 3000);
      for (const by of ['fpr', 'alerts'] as const) {
        for (const thr of [0.2, 0.5, 0.9, 1.5]) {
          const ref = matchOperatingPoint(labels, score, thr, other, by, mask);
          // The same row set as matchOperatingPoint: cohort, both scores, and a label for 'fpr'.
          const rows = new Uint8Array(labels.length);
          for (let i = 0; i < rows.length; i++) {
            const l = labels[i]!;
            rows[i] =
              mask[i] === 1 &&
              score[i] === score[i] &&
              other[i] === other[i] &&
              (by === 'alerts' || l === 0 || l === 1)
                ? 1
                : 0;
          }
          const base = statsAt(thresholdCounts(labels, score, rows), thr);
          const target = by === 'fpr' ? base.fp : base.alerts;
          const oc = thresholdCounts(labels, other, rows);
          const m = thresholdForCount(oc, by === 'fpr' ? 'neg' : 'all', target);
          expect(target).toBe(ref.target);
          expect(m.threshold).toBe(ref.threshold);
          expect(m.achieved).toBe(ref.achieved);
          expect(statsAt(oc, m.threshold)).toEqual(ref.other);
        }
      }
    }
  });
});

describe('rankedScore + rankEstimate', () => {
  it('AUC and AP equal rankStatistic (the sort-per-call builder) on cohorts with ties and NaN', () => {
    for (const seed of [8, 9]) {
      const { score, labels, mask } = randomCase(seed, 4000);
      for (const m of [undefined, mask]) {
        const got = rankEstimate(rankedScore(labels, score, m));
        const rows = m ? rowsFromMask(m) : undefined;
        expect(got.auc).toBeCloseTo(rankStatistic('auc', labels, score, rows).estimate, 12);
        expect(got.ap).toBeCloseTo(rankStatistic('ap', labels, score, rows).estimate, 12);
      }
    }
  });
});
