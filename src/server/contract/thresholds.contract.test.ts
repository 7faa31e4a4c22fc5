import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Curves, MatchResult, OperatingPoints } from '../../protocol';
import type { Predicate } from '../../shared/predicate';
import { HOSTILE, hostileRoles, writeHostileParquet } from '../../test/sqlHostile';
import { type Contract, expectClose, openContract, WIDE_PARQUET } from '../../test/serverContract';

// The thresholds panel: counts at a threshold and "match operating point", DuckDB against the
// tab's sorted-score index, on scores with NaN, nulls, FLOAT values and many ties.
describe('contract thresholds: operating points and matching', () => {
  let c: Contract;
  beforeAll(async () => {
    c = await openContract(await writeHostileParquet());
    await c.ask('analyse', hostileRoles.binary);
  });
  afterAll(() => c.close());

  const f: Predicate = { op: 'range', column: HOSTILE.float, min: -0.5, max: 0.5 };
  // On a score value, between values, above and below every score, and the default (none sent).
  const thresholdSets = [{}, { s1: 0.3, s2: 0.45 }, { s1: 0.305, s2: 2 }, { s1: -1, s2: 0.17 }];

  it('each version’s TP/FP/TN/FN, alert rate and precision at its threshold are equal', async () => {
    for (const cohort of [null, f])
      for (const thresholds of thresholdSets) {
        const [a, b] = await c.ask('operatingPoints', { cohort, thresholds });
        expectClose(b, a, JSON.stringify(thresholds));
      }
    // Hand count: s2 = (17·i mod 100) / 100 is ≥ 0.5 for exactly half of the 300 rows.
    const [, b] = await c.ask('operatingPoints', { cohort: null, thresholds: { s2: 0.5 } });
    const s2 = (b as OperatingPoints).versions.find((v) => v.version === 's2')!;
    expect(s2.alerts).toBe(150);
    expect(s2.n).toBe(300);
  });

  it('the matched threshold, target and achieved counts are equal, by FPR and by alerts', async () => {
    let matched = 0;
    for (const cohort of [null, f])
      for (const thresholds of thresholdSets)
        for (const by of ['fpr', 'alerts'] as const)
          for (const [baseline, other] of [
            ['s1', 's2'],
            ['s2', 's1'],
          ]) {
            const req = { cohort, baseline, other, by, thresholds };
            const [a, b] = await c.ask('matchOperatingPoint', req);
            expectClose(b, a, JSON.stringify(req));
            if (!Number.isNaN((b as MatchResult).threshold)) matched++;
          }
    expect(matched).toBe(32);
  });

  it('ROC and PR curves, AUC, AP and the chosen and matched marks are equal', async () => {
    for (const cohort of [null, f])
      for (const thresholds of thresholdSets)
        for (const points of [400, 12]) {
          const req = { cohort, thresholds, baseline: 's1', points };
          const [a, b] = await c.ask('rocPrCurves', req);
          expectClose(b, a, JSON.stringify(req));
        }
    const [, b] = await c.ask('rocPrCurves', {
      cohort: null,
      thresholds: {},
      baseline: 's1',
      points: 400,
    });
    const s2 = (b as Curves).versions[1]!;
    expect(s2.matched).not.toBeNull();
    expect(s2.roc.x.length).toBeGreaterThan(20);
  });
});

describe('contract curves: one-vs-rest on wide-snappy.parquet', () => {
  it('each class as positive gives the tab’s curves', async () => {
    const w = await openContract(WIDE_PARQUET);
    try {
      await w.ask('analyse', w.opened[0].summary!.inferred);
      for (const classIndex of [0, 2, 7]) {
        const req = { cohort: null, thresholds: {}, baseline: 'v1', points: 50, classIndex };
        const [a, b] = await w.ask('rocPrCurves', req);
        expectClose(b, a, `class ${classIndex}`);
        expect((b as Curves).kind).toBe('one-vs-rest');
      }
    } finally {
      w.close();
    }
  });
});
