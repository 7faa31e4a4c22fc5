import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CohortDef, CompareResult, MetricKey } from '../../protocol';
import { HOSTILE, hostileRoles, writeHostileParquet } from '../../test/sqlHostile';
import { type Contract, expectClose, openContract, openFixtures } from '../../test/serverContract';
import { emptyVersion } from '../../shared/roles';

/** The tab's answer restricted to the metrics the server computes. */
function shared(tab: CompareResult, server: CompareResult) {
  const keys = server.metricKeys;
  const pick = (r: CompareResult) => ({
    baseline: r.baseline,
    errors: r.errors,
    flips: r.flips,
    rows: r.rows.map((row) => ({
      ...row,
      metrics: Object.fromEntries(keys.map((k) => [k, row.metrics[k]])),
      deltas: Object.fromEntries(keys.map((k) => [k, row.deltas[k]])),
    })),
  });
  expect(keys.every((k: MetricKey) => tab.metricKeys.includes(k))).toBe(true);
  return [pick(tab), pick(server)] as const;
}

const req = (cohorts: CohortDef[], resamples = 0, seed = 7) => ({
  baseline: 'zz',
  cohorts,
  resamples,
  seed,
});

describe('contract compare: point estimates, exact tests and flips', () => {
  let wide: Contract;
  let hostile: Contract;
  openFixtures((w, h) => {
    wide = w;
    hostile = h;
  });

  it('multiclass: accuracy with Wilson intervals, McNemar p and q, macro-F1, flips are equal', async () => {
    await wide.ask('analyse', wide.opened[0].summary!.inferred);
    const cohorts: CohortDef[] = [
      { id: 'de', name: 'DE', predicate: { op: 'in', column: 'country', values: ['DE'] } },
      { id: 'bad', name: 'bad', predicate: { op: 'in', column: 'nope', values: ['x'] } },
    ];
    const [a, b] = await wide.ask('compare', req(cohorts));
    const [x, y] = shared(a as CompareResult, b as CompareResult);
    expectClose(y, x);
    // The README's 63 rows right under v1 and wrong under v2, 130 the other way.
    expect(y.flips[0]).toMatchObject({ correctToWrong: 63, wrongToCorrect: 130 });
  });

  it('confusion shifts and per-class tables are equal, top classes and grouping included', async () => {
    await hostile.ask('analyse', hostileRoles.multiclass);
    const f = { op: 'range', column: HOSTILE.float, min: -0.5, max: 0.5 } as const;
    for (const cohort of [null, f]) {
      for (const top of [3, 2]) {
        const [a, b] = await hostile.ask('confusion', { cohort, a: 'a', b: 'b', top });
        expectClose(b, a, `confusion top ${top}`);
      }
      for (const limit of [3, 2]) {
        const [a, b] = await hostile.ask('perClass', { cohort, limit });
        expectClose(b, a, `perClass ${limit}`);
      }
    }
    await wide.ask('analyse', wide.opened[0].summary!.inferred);
    const [a, b] = await wide.ask('confusion', { cohort: null, a: 'v1', b: 'v2', top: 12 });
    expectClose(b, a);
    expect((b as { n: number }).n).toBe(500);
  });

  for (const task of ['binary', 'regression'] as const) {
    it(`${task}: the same point estimates and exact tests`, async () => {
      await hostile.ask('analyse', hostileRoles[task]);
      const cohorts: CohortDef[] = [
        {
          id: 'f',
          name: 'f',
          predicate: { op: 'range', column: HOSTILE.float, min: -0.5, max: 0.5 },
        },
      ];
      const [a, b] = await hostile.ask('compare', req(cohorts));
      const [x, y] = shared(a as CompareResult, b as CompareResult);
      expectClose(y, x);
    });
  }
});

describe('contract compare: thresholds sent with the request', () => {
  it('both backends answer under the thresholds the request carries', async () => {
    const c = await openContract(await writeHostileParquet());
    try {
      const roles = hostileRoles.binary;
      await c.ask('analyse', roles);
      const cohorts: CohortDef[] = [
        { id: 'f', name: 'f', predicate: { op: 'range', column: HOSTILE.float, min: -1, max: 1 } },
      ];
      const [a0] = await c.ask('compare', req(cohorts));
      const versions = roles.versions.map((v) => v.name);
      const thresholds = Object.fromEntries(versions.map((v) => [v, 0.9]));
      const [a, b] = await c.ask('compare', { ...req(cohorts), thresholds });
      const [x, y] = shared(a as CompareResult, b as CompareResult);
      expectClose(y, x);
      // A threshold of 0.9 changes the predictions, so the answer is not the one before.
      const acc = (r: unknown) => (r as CompareResult).rows[0]!.metrics.accuracy!.value;
      expect(acc(a)).not.toBeCloseTo(acc(a0), 6);
    } finally {
      c.close();
    }
  });
});

describe('contract compare: bootstrap intervals drawn in DuckDB', () => {
  let c: Contract;
  beforeAll(async () => {
    c = await openContract(await writeHostileParquet());
  });
  afterAll(() => c.close());

  const f: CohortDef = {
    id: 'f',
    name: 'f',
    predicate: { op: 'range', column: HOSTILE.float, min: -0.5, max: 0.5 },
  };

  it('binary: AUC, PR-AUC and their Δ intervals and p equal the tab’s under the same seed', async () => {
    await c.ask('analyse', hostileRoles.binary);
    for (const seed of [3, 11]) {
      const [a, b] = await c.ask('compare', req([f], 201, seed));
      const [x, y] = shared(a as CompareResult, b as CompareResult);
      expectClose(y, x, `seed ${seed}`);
      // PR-AUC (average precision) too, from the same replicate query.
      expect((b as CompareResult).metricKeys).toContain('ap');
      expect((b as CompareResult).rows[1]!.deltas.ap!.p).toBeGreaterThan(0);
      const d = (b as CompareResult).rows[1]!.deltas.auc!;
      // Not vacuous: a real interval around the estimate, and a p-value from the replicates.
      expect(d.hi - d.lo).toBeGreaterThan(0.01);
      expect(d.p).toBeGreaterThan(0);
    }
    const [one] = await c.ask('compare', req([], 60, 3));
    const [other] = await c.ask('compare', req([], 60, 4));
    const lo = (r: unknown) => (r as CompareResult).rows[1]!.metrics.auc!.lo;
    expect(lo(other)).not.toBe(lo(one));
  }, 120_000);

  it('log loss and Brier with their intervals and paired Δ equal the tab’s (scores and probabilities)', async () => {
    // Binary: s1 is DOUBLE (clipped by 2^-52), s2 FLOAT (by 2^-23), with scores of exactly 0
    // and 1 on wrong rows so the clipping shows. Multiclass: b's probability list (NaN, null
    // lists) against a, which has none, as the baseline and as the version.
    const cases = [
      [hostileRoles.binary, 'zz'],
      [hostileRoles.multiclass, 'a'],
      [hostileRoles.multiclass, 'b'],
    ] as const;
    for (const [roles, baseline] of cases) {
      await c.ask('analyse', roles);
      const [a, b] = await c.ask('compare', { ...req([f], 120, 9), baseline });
      const [x, y] = shared(a as CompareResult, b as CompareResult);
      expect((b as CompareResult).metricKeys).toEqual(expect.arrayContaining(['logLoss', 'brier']));
      expectClose(y, x, `${roles.task} vs ${baseline}`);
      const last = (b as CompareResult).rows.find((r) => r.metrics.logLoss)!;
      expect(last.metrics.logLoss!.value).toBeGreaterThan(0);
      expect(last.metrics.brier!.hi).toBeGreaterThan(last.metrics.brier!.lo);
    }
    const binary = (await c.ask('analyse', hostileRoles.binary),
    await c.ask('compare', req([], 40, 2)))[1] as CompareResult;
    expect(binary.rows[1]!.deltas.logLoss!.p).toBeGreaterThan(0);
  }, 120_000);

  it('regression: MAE/RMSE intervals and paired Δ over each version’s own rows are equal', async () => {
    // A second version whose predictions have nulls and NaN where the first has values.
    const roles = {
      ...hostileRoles.regression,
      versions: [
        ...hostileRoles.regression.versions,
        { ...emptyVersion('w'), prediction: HOSTILE.num },
      ],
    };
    await c.ask('analyse', roles);
    const [a, b] = await c.ask('compare', { ...req([f], 150, 5), baseline: 'r' });
    const [x, y] = shared(a as CompareResult, b as CompareResult);
    expectClose(y, x);
    expect((b as CompareResult).rows[1]!.deltas.rmse!.hi).toBeGreaterThan(
      (b as CompareResult).rows[1]!.deltas.rmse!.lo,
    );
  }, 120_000);
});
