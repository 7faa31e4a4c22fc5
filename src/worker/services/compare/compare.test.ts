import { describe, expect, it } from 'vitest';
import { Session } from '../../session/session';
import { compareService, compareVersions } from './compare';
import { compareConfusion } from './confusion';
import { files, fixtureTable } from '../../../test/fixtures';
import { ProgressiveBootstrap, pairedProportionFromCounts } from '../../../engine/stats';

function openWide() {
  const s = new Session();
  const r = s.openBytes(files('wide.arrow'));
  s.analyse(r.summary!.inferred);
  return s;
}

describe('compareVersions on wide.arrow (polars fixture)', () => {
  it('accuracy, flips and McNemar agree with an independent count and scipy', async () => {
    const s = openWide();
    const res = await compareVersions(s.dataset, {
      baseline: 'v1',
      cohorts: [],
      resamples: 0,
      seed: 1,
    });
    const t = fixtureTable('wide.arrow');
    let c2w = 0;
    let w2c = 0;
    let right2 = 0;
    for (let i = 0; i < t.numRows; i++) {
      const l = t.getChild('label')!.get(i);
      const a = t.getChild('pred_v1')!.get(i) === l;
      const b = t.getChild('pred_v2')!.get(i) === l;
      if (a && !b) c2w++;
      if (!a && b) w2c++;
      if (b) right2++;
    }
    expect([c2w, w2c]).toEqual([63, 130]); // as documented in e2e/data/README.md
    const v2 = res.rows.find((r) => r.version === 'v2' && r.cohortId === 'all')!;
    expect(v2.metrics.accuracy!.value).toBeCloseTo(right2 / 500, 12);
    expect(v2.deltas.accuracy!.value).toBeCloseTo((w2c - c2w) / 500, 12);
    // scipy.stats.chi2.sf((|63 − 130| − 1)² / 193, 1), continuity-corrected McNemar.
    expect(v2.deltas.accuracy!.p).toBeCloseTo(2.026295336093855e-6, 15);
    expect(v2.deltas.accuracy!.test).toMatch(/χ²/);
    const f = res.flips.find((x) => x.version === 'v2')!;
    expect([f.correctToWrong, f.wrongToCorrect, f.evaluated]).toEqual([63, 130, 500]);
    expect(f.negativeFlipRate).toBeCloseTo(63 / 500, 12);
    // The baseline has no difference to itself.
    expect(res.rows.find((r) => r.version === 'v1')!.deltas).toEqual({});
    // Δ accuracy's interval comes with the bootstrap intervals (issue 15: not on the path of a
    // threshold edit's first numbers): the multinomial bootstrap of the four joint counts,
    // counted here from the file.
    expect(v2.deltas.accuracy!.lo).toBeNaN();
    const withIntervals = await compareVersions(s.dataset, {
      baseline: 'v1',
      cohorts: [],
      resamples: 20,
      seed: 1,
    });
    const d = withIntervals.rows.find((r) => r.version === 'v2')!.deltas.accuracy!;
    let both = 0;
    for (let i = 0; i < t.numRows; i++) {
      const l = t.getChild('label')!.get(i);
      if (t.getChild('pred_v1')!.get(i) === l && t.getChild('pred_v2')!.get(i) === l) both++;
    }
    const counts = Float64Array.of(both, c2w, w2c, 500 - both - c2w - w2c);
    const ref = new ProgressiveBootstrap(pairedProportionFromCounts(counts), {
      seed: 1,
      nullValue: 0,
    }).step(1000);
    expect([d.lo, d.hi]).toEqual([ref.lo, ref.hi]);
    expect(d.lo).toBeLessThan(d.value);
    expect(d.hi).toBeGreaterThan(d.value);
    expect(d.p).toBe(v2.deltas.accuracy!.p);
  });

  it('bootstrap intervals contain the estimate and cohorts restrict the rows', async () => {
    const s = openWide();
    const cohort = {
      id: 'c',
      name: 'members',
      predicate: { op: 'in' as const, column: 'is_member', values: ['true'] },
    };
    const res = await compareVersions(s.dataset, {
      baseline: 'v1',
      cohorts: [cohort],
      resamples: 200,
      seed: 7,
    });
    const row = res.rows.find((r) => r.cohortId === 'c' && r.version === 'v2')!;
    const t = fixtureTable('wide.arrow');
    let members = 0;
    for (let i = 0; i < t.numRows; i++) if (t.getChild('is_member')!.get(i) === true) members++;
    expect(row.size).toBe(members);
    const ll = row.metrics.logLoss!;
    expect(ll.lo).toBeLessThanOrEqual(ll.value);
    expect(ll.hi).toBeGreaterThanOrEqual(ll.value);
    expect(row.deltas.logLoss!.p).toBeGreaterThan(0);
    expect(Number.isFinite(row.deltas.accuracy!.q)).toBe(true);
    expect(row.deltas.accuracy!.q).toBeGreaterThanOrEqual(row.deltas.accuracy!.p);
  });

  it('a cohort naming a missing column is reported, not thrown', async () => {
    const s = openWide();
    const bad = { id: 'b', name: 'bad', predicate: { op: 'isNull' as const, column: 'nope' } };
    const res = await compareVersions(s.dataset, {
      baseline: 'v1',
      cohorts: [bad],
      resamples: 0,
      seed: 1,
    });
    expect(res.errors).toEqual([
      { cohortName: 'bad', error: 'the column "nope" does not exist in this dataset' },
    ]);
  });
});

describe('compareConfusion', () => {
  it('matrices and transitions match a count through arrow-js rows', async () => {
    const s = openWide();
    const r = compareConfusion(s.dataset, { cohort: null, a: 'v1', b: 'v2', top: 20 });
    const t = fixtureTable('wide.arrow');
    const a = new Array(9).fill(0);
    const tr = new Array(9).fill(0);
    for (let i = 0; i < t.numRows; i++) {
      const l = t.getChild('label')!.get(i);
      const p1 = t.getChild('pred_v1')!.get(i);
      const p2 = t.getChild('pred_v2')!.get(i);
      a[l * 3 + p1]++;
      tr[p1 * 3 + p2]++;
    }
    expect(r.labels).toEqual(['0', '1', '2']);
    expect(r.a).toEqual(a);
    expect(r.transition).toEqual(tr);
    expect(r.delta.reduce((x, y) => x + y, 0)).toBe(0);
  });

  it('groups classes beyond the top k as "other"', async () => {
    const s = openWide();
    const r = compareConfusion(s.dataset, { cohort: null, a: 'v1', b: 'v2', top: 2 });
    expect(r.labels).toHaveLength(3);
    expect(r.labels[2]).toBe('other (1 classes)');
    expect(r.a.reduce((x, y) => x + y, 0)).toBe(500);
  });
});

describe('comparePerClass', () => {
  it('precision and recall per class match a count through arrow-js rows', async () => {
    const { comparePerClass } = await import('./perClass');
    const s = openWide();
    const r = comparePerClass(s.dataset, { cohort: null, limit: 50 });
    const t = fixtureTable('wide.arrow');
    const tp = [0, 0, 0];
    const predicted = [0, 0, 0];
    const actual = [0, 0, 0];
    for (let i = 0; i < t.numRows; i++) {
      const l = t.getChild('label')!.get(i);
      const p = t.getChild('pred_v2')!.get(i);
      predicted[p] = predicted[p]! + 1;
      actual[l] = actual[l]! + 1;
      if (p === l) tp[l] = tp[l]! + 1;
    }
    const v2 = r.versions.find((v) => v.version === 'v2')!;
    expect(r.classes).toEqual(['0', '1', '2']);
    expect(r.support).toEqual(actual);
    [0, 1, 2].forEach((c) => {
      expect(v2.precision[c]).toBeCloseTo(tp[c]! / predicted[c]!, 12);
      expect(v2.recall[c]).toBeCloseTo(tp[c]! / actual[c]!, 12);
    });
  });

  it('binary scores get ROC-AUC and PR-AUC with a paired difference', async () => {
    const s = new Session();
    const r = s.openBytes(files('features.arrow', 'preds_v1.arrow', 'preds_v2.arrow'));
    s.analyse(r.summary!.inferred);
    const res = await compareVersions(s.dataset, {
      baseline: 'v1',
      cohorts: [],
      resamples: 50,
      seed: 3,
    });
    expect(res.metricKeys).toContain('ap');
    const v2 = res.rows.find((x) => x.version === 'v2')!;
    expect(v2.metrics.ap!.value).toBeGreaterThan(0);
    expect(v2.metrics.ap!.lo).toBeLessThanOrEqual(v2.metrics.ap!.value);
    expect(Number.isFinite(v2.deltas.ap!.p)).toBe(true);
  });
});

describe('early intervals (issue 15)', () => {
  it('the first 30 of 120 resamples give the intervals of a 30-resample run; the final equal a run without early', async () => {
    const open = () => {
      const s = new Session();
      const r = s.openBytes(files('features.arrow', 'preds_v1.arrow', 'preds_v2.arrow'));
      s.analyse(r.summary!.inferred);
      return s;
    };
    const cohort = {
      id: 'c',
      name: 'young',
      predicate: { op: 'range' as const, column: 'age', min: 0, max: 40 },
    };
    const req = { baseline: 'v1', cohorts: [cohort], seed: 5 };
    const s = open();
    const service = compareService(() => null);
    const first = await service(s.dataset, { ...req, resamples: 120, early: 30 });
    const final = await service(s.dataset, { ...req, resamples: 120 });
    // Independent runs (fresh sessions and services): 30 resamples, and 120 without early.
    const short = await compareService(() => null)(open().dataset, { ...req, resamples: 30 });
    const whole = await compareService(() => null)(open().dataset, { ...req, resamples: 120 });
    expect(first.resamples).toBe(30);
    expect(first.methods.join(' ')).toMatch(/from 30 seeded/);
    expect(first.rows).toEqual(short.rows);
    expect(final.resamples).toBe(120);
    expect(final.rows).toEqual(whole.rows);
    // Early and final differ (more resamples move the interval ends) but both are intervals.
    const ap = (res: typeof first) => res.rows.find((x) => x.version === 'v2')!.metrics.ap!;
    expect(ap(first)).not.toEqual(ap(final));
    expect(ap(first).lo).toBeLessThanOrEqual(ap(first).value);
    // Asking early once the final intervals exist answers with them.
    const again = await service(s.dataset, { ...req, resamples: 120, early: 30 });
    expect(again.resamples).toBe(120);
    expect(again.rows).toEqual(final.rows);
  });
});

describe('intervals across threshold edits (issue 15)', () => {
  it('after a threshold edit the answer equals a fresh run at the new thresholds', async () => {
    const open = (thresholds: Record<string, number>) => {
      const s = new Session();
      const r = s.openBytes(files('features.arrow', 'preds_v1.arrow', 'preds_v2.arrow'));
      s.analyse(r.summary!.inferred);
      s.setThresholds(thresholds);
      return s;
    };
    const req = { baseline: 'v1', cohorts: [], seed: 11, resamples: 60 };
    const s = open({ v2: 0.5 });
    const service = compareService(() => s.thresholdSettings());
    const before = await service(s.dataset, req);
    // The bootstrapped metrics do not move with the threshold: their replicates are reused.
    s.setThresholds({ v2: 0.2 });
    const after = await service(s.dataset, req);
    const fresh = open({ v2: 0.2 });
    const independent = await compareService(() => fresh.thresholdSettings())(fresh.dataset, req);
    expect(after.rows).toEqual(independent.rows);
    const v2 = (res: typeof after) => res.rows.find((x) => x.version === 'v2')!;
    // Accuracy follows the new threshold; AUC and its interval do not.
    expect(v2(after).metrics.accuracy!.value).not.toBe(v2(before).metrics.accuracy!.value);
    expect(v2(after).metrics.auc).toEqual(v2(before).metrics.auc);
    // Early intervals asked after the edit: the shared replicates are complete, so the answer is
    // the final one (one round trip, not two), equal to the fresh run.
    s.setThresholds({ v2: 0.35 });
    const early = await service(s.dataset, { ...req, early: 20 });
    expect(early.resamples).toBe(60);
    const fresh35 = open({ v2: 0.35 });
    const whole = await compareService(() => fresh35.thresholdSettings())(fresh35.dataset, req);
    expect(early.rows).toEqual(whole.rows);
  });
});

describe('metric direction', () => {
  it('every metric is either higher-is-better or a loss, as the verdicts assume', async () => {
    const { HIGHER_IS_BETTER } = await import('../../../protocol');
    for (const k of ['accuracy', 'macroF1', 'auc', 'ap', 'r2'] as const)
      expect(HIGHER_IS_BETTER.has(k)).toBe(true);
    for (const k of ['logLoss', 'brier', 'mae', 'rmse'] as const)
      expect(HIGHER_IS_BETTER.has(k)).toBe(false);
  });
});
