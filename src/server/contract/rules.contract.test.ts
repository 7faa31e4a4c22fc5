import { describe, expect, it } from 'vitest';
import type { CohortDef, ReleaseRule, RulesResult } from '../../protocol';
import { emptyVersion } from '../../shared/roles';
import { HOSTILE, hostileRoles } from '../../test/sqlHostile';
import { type Contract, expectClose, openFixtures } from '../../test/serverContract';

// Release rules: the same grid (values, intervals, one-sided p, q, verdicts, rows needed) from
// DuckDB as from the tab, bootstrap rules included (same seeds per cell, the tab's weights).
const cohort = (id: string, predicate: CohortDef['predicate']): CohortDef => ({
  id,
  name: id,
  predicate,
});

function verdicts(r: RulesResult) {
  return r.cells.map((c) => c.verdict);
}

describe('contract rules: the release-rules grid', () => {
  let wide: Contract;
  let hostile: Contract;
  openFixtures((w, h) => {
    wide = w;
    hostile = h;
  });

  it('multiclass (wide-snappy.parquet): accuracy, macro-F1, flip rate, confidence share', async () => {
    await wide.ask('analyse', wide.opened[0].summary!.inferred);
    const rules: ReleaseRule[] = [
      { id: 'acc', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: 1 },
      { id: 'f1', kind: 'metric-drop', metric: 'macroF1', maxDropPoints: 2 },
      { id: 'flip', kind: 'negative-flip-rate', maxRate: 15 },
      { id: 'share', kind: 'share-above-rise', threshold: 0.6, maxRisePoints: 1 },
      { id: 'auc', kind: 'metric-drop', metric: 'auc', maxDropPoints: 1 },
      { id: 'bad', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: -3 },
    ];
    const cohorts = [
      cohort('de', { op: 'in', column: 'country', values: ['DE'] }),
      cohort('none', { op: 'in', column: 'country', values: ['nowhere'] }),
      cohort('bad', { op: 'in', column: 'nope', values: ['x'] }),
    ];
    for (const baseline of ['v1', 'v2']) {
      const [a, b] = await wide.ask('evaluateRules', { rules, cohorts, baseline });
      expectClose(b, a, `baseline ${baseline}`);
    }
    // Not vacuous: v2 is 13.4 points more accurate, so the accuracy rule passes in all rows.
    const [, b] = await wide.ask('evaluateRules', { rules, cohorts, baseline: 'v1' });
    const r = b as RulesResult;
    expect(r.cells.find((c) => c.cohortId === '__all__' && c.ruleId === 'acc')!.verdict).toBe(
      'pass',
    );
    expect(new Set(verdicts(r)).size).toBeGreaterThan(1);
    expect(r.invalid.map((i) => i.ruleId)).toEqual(['bad']);
  });

  it('binary: AUC drop by a paired Poisson bootstrap in DuckDB, share above a threshold', async () => {
    await hostile.ask('analyse', hostileRoles.binary);
    const rules: ReleaseRule[] = [
      { id: 'auc', kind: 'metric-drop', metric: 'auc', maxDropPoints: 2 },
      { id: 'share', kind: 'share-above-rise', threshold: 0.5, maxRisePoints: 5 },
      { id: 'acc', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: 5 },
    ];
    const cohorts = [cohort('f', { op: 'range', column: HOSTILE.float, min: -0.5, max: 0.5 })];
    const [a, b] = await hostile.ask('evaluateRules', { rules, cohorts, baseline: 's1' });
    expectClose(b, a);
    const auc = (b as RulesResult).cells[0]!;
    expect(auc.hi - auc.lo).toBeGreaterThan(0.01);
    expect(auc.test).toContain('Poisson');
  }, 120_000);

  it('regression: MAE and RMSE rises with nulls and NaN in one version', async () => {
    const roles = {
      ...hostileRoles.regression,
      versions: [
        ...hostileRoles.regression.versions,
        { ...emptyVersion('w'), prediction: HOSTILE.num },
      ],
    };
    await hostile.ask('analyse', roles);
    const rules: ReleaseRule[] = [
      { id: 'mae', kind: 'regression-metric-rise', metric: 'mae', maxRise: 0.5 },
      { id: 'rmse', kind: 'regression-metric-rise', metric: 'rmse', maxRise: 0.5 },
      { id: 'flip', kind: 'negative-flip-rate', maxRate: 5 },
    ];
    const [a, b] = await hostile.ask('evaluateRules', { rules, cohorts: [], baseline: 'r' });
    expectClose(b, a);
    expect((b as RulesResult).cells[0]!.n).toBeGreaterThan(100);
  }, 120_000);

  it('the rules one row crosses (row detail): every row of the hostile file, each task', async () => {
    const rules: ReleaseRule[] = [
      { id: 'share', kind: 'share-above-rise', threshold: 0.5, maxRisePoints: 1 },
      { id: 'acc', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: 1 },
      { id: 'flip', kind: 'negative-flip-rate', maxRate: 5 },
      { id: 'auc', kind: 'metric-drop', metric: 'auc', maxDropPoints: 1 },
      { id: 'mae', kind: 'regression-metric-rise', metric: 'mae', maxRise: 1 },
    ];
    const regression = {
      ...hostileRoles.regression,
      versions: [
        ...hostileRoles.regression.versions,
        { ...emptyVersion('w'), prediction: HOSTILE.num },
      ],
    };
    let hits = 0;
    for (const roles of [hostileRoles.multiclass, hostileRoles.binary, regression]) {
      await hostile.ask('analyse', roles);
      for (let row = 0; row < 300; row += 7) {
        const [a, b] = await hostile.ask('rowRules', { row, rules, baseline: null });
        expectClose(b, a, `${roles.task} row ${row}`);
        hits += (b as { hits: unknown[] }).hits.length;
      }
    }
    expect(hits).toBeGreaterThan(20);
    // Outside the table: nothing, on both sides.
    const [a, b] = await hostile.ask('rowRules', { row: 300, rules, baseline: null });
    expect(b).toEqual(a);
  }, 120_000);
});
