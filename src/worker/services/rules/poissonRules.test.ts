// The bootstrapped rules draw Compare's Poisson(1) weights: checked against a computation from the
// definition (each row's weight from poissonWeight, weighted means, numpy-style percentiles), and
// against Compare's own one-pass kernel for AUC. The grid gives way to other messages while it
// resamples, and a newer grid request stops an older one.
import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { Session } from '../../session/session';
import { evaluateRules } from './rules';
import { rulesApi } from './api';
import { WEIGHT_RESAMPLES } from './stats';
import { poissonWeight } from '../../../engine/stats/poisson';
import { poissonReplicates, rankEstimate } from '../../../engine/stats/poissonBootstrap';
import { rankedScore } from '../../../engine/compare/scoreIndex';
import { percentileInterval } from '../../../engine/stats';
import type { ReleaseRule } from '../../../protocol';

type Columns = Parameters<typeof tableFromArrays>[0];

function session(columns: Columns) {
  const bytes = tableToIPC(tableFromArrays(columns), 'file');
  const s = new Session();
  const r = s.openBytes([{ name: 'hand.arrow', bytes }]);
  s.analyse(r.summary!.inferred);
  return s;
}

/** numpy.quantile (linear) of the finite values. */
function quantile(values: number[], q: number): number {
  const v = values.filter((x) => x === x).sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < v.length ? v[lo]! + (h - lo) * (v[lo + 1]! - v[lo]!) : v[lo]!;
}

const maeRule: ReleaseRule = {
  id: 'mae',
  kind: 'regression-metric-rise',
  metric: 'mae',
  maxRise: 0.5,
};

describe('release rules: Poisson bootstrap', () => {
  it('gives the MAE-rise interval, p and verdict of a by-hand Poisson bootstrap', async () => {
    // 12 rows: v1 errs by 1 everywhere, v2 by 1, 2 or 4 (mean rise 1.25 over the 0.5 limit).
    // Non-integer labels: a regression target (integers would read as classes).
    const y = Float64Array.from({ length: 12 }, (_, i) => i * 1.5 + 0.25);
    const eB = [1, 2, 4, 1, 2, 4, 1, 2, 4, 1, 2, 1];
    const s = session({
      label: y,
      pred_v1: y.map((v) => v + 1),
      pred_v2: y.map((v, i) => v - eB[i]!),
    });
    const r = await evaluateRules(s.dataset, { rules: [maeRule], cohorts: [], baseline: 'v1' });
    const cell = r.cells[0]!;
    // The only cell has seed 1. Replicate b: Σw·eB/Σw − Σw·eA/Σw with w = poissonWeight(1, b, row).
    const reps: number[] = [];
    for (let b = 0; b < WEIGHT_RESAMPLES; b++) {
      let w = 0;
      let sa = 0;
      let sb = 0;
      for (let i = 0; i < 12; i++) {
        const wi = poissonWeight(1, b, i);
        w += wi;
        sa += wi * 1;
        sb += wi * eB[i]!;
      }
      reps.push(w > 0 ? (sb - sa) / w : NaN);
    }
    const finite = reps.filter((x) => x === x);
    const lo = quantile(reps, 0.025);
    const hi = quantile(reps, 0.975);
    const below = finite.filter((x) => x <= 0.5).length;
    const above = finite.filter((x) => x >= 0.5).length;
    const p = Math.min(1, (2 * (1 + Math.min(below, above))) / (1 + finite.length)) / 2;
    expect(cell.value).toBeCloseTo(eB.reduce((a, b) => a + b, 0) / 12 - 1, 12);
    expect(cell.lo).toBeCloseTo(lo, 12);
    expect(cell.hi).toBeCloseTo(hi, 12);
    expect(cell.p).toBeCloseTo(p, 12);
    // One test: BH's q is p. Fail = the whole interval above the limit and q ≤ 0.05.
    const expected =
      p <= 0.05 && lo > 0.5 ? 'fail' : p <= 0.05 && hi < 0.5 ? 'pass' : 'inconclusive';
    expect(cell.verdict).toBe(expected);
    expect(cell.test).toMatch(/Poisson bootstrap/);
  });

  it('resamples an AUC drop exactly as Compare’s intervals do (same weights, same replicates)', async () => {
    const n = 600;
    const label = Int32Array.from({ length: n }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
    // Scores with ties and overlap, so the replicates vary.
    const v1 = Float32Array.from(
      label,
      (l, i) => Math.round((0.3 * l + ((i * 37) % 100) / 200) * 20) / 20,
    );
    const v2 = Float32Array.from(
      label,
      (l, i) => Math.round((0.1 * l + ((i * 53) % 100) / 200) * 20) / 20,
    );
    const s = session({ label, score_v1: v1, score_v2: v2 });
    const rule: ReleaseRule = { id: 'auc', kind: 'metric-drop', metric: 'auc', maxDropPoints: 2 };
    const r = await evaluateRules(s.dataset, { rules: [rule], cohorts: [], baseline: 'v1' });
    const cell = r.cells[0]!;
    const l01 = Uint8Array.from(label);
    const ra = rankedScore(l01, v1);
    const rb = rankedScore(l01, v2);
    const reps = await poissonReplicates(
      { rows: null, n, proportions: [], means: [], ranked: [ra, rb] },
      WEIGHT_RESAMPLES,
      1,
    );
    const diff = reps.auc[1]!.map((x, b) => x - reps.auc[0]![b]!);
    const est = rankEstimate(rb).auc - rankEstimate(ra).auc;
    const ci = percentileInterval(diff, est, { nullValue: -0.02 });
    expect(cell.value).toBeCloseTo(est, 12);
    expect(cell.lo).toBeCloseTo(ci.lo, 10);
    expect(cell.hi).toBeCloseTo(ci.hi, 10);
    expect(cell.p).toBeCloseTo(ci.p / 2, 10);
  });

  it('answers another message while a grid resamples, and a newer grid stops the older one', async () => {
    const n = 200_000;
    const y = Float64Array.from({ length: n }, (_, i) => (i % 100) + 0.5);
    const s = session({
      label: y,
      pred_v1: y.map((v, i) => v + (i % 7)),
      pred_v2: y.map((v, i) => v + (i % 5)),
    });
    const api = rulesApi(s);
    let finished = false;
    const first = api.evaluateRules({ rules: [maeRule], cohorts: [], baseline: 'v1' });
    // Another request, as the worker would receive it: a message posted after the grid began.
    const answeredWhileRunning = new Promise<boolean>((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve(!finished);
      };
      ch.port2.postMessage(null);
    });
    void first.then(
      () => (finished = true),
      () => (finished = true),
    );
    expect(await answeredWhileRunning).toBe(true);
    // A different grid replaces it: the first stops with a cancellation, the second answers.
    const second = api.evaluateRules({
      rules: [{ ...maeRule, maxRise: 1 }],
      cohorts: [],
      baseline: 'v1',
    });
    await expect(first).rejects.toThrow(/cancelled/);
    const res = await second;
    // Mean of (i mod 5) minus mean of (i mod 7) over 0..n−1, counted directly.
    let d = 0;
    for (let i = 0; i < n; i++) d += (i % 5) - (i % 7);
    expect(res.cells[0]!.value).toBeCloseTo(d / n, 9);
  }, 60_000);
});
