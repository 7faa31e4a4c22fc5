import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, CohortDef, OpenResult, Predicate, RoleMapping } from '../../protocol';
import { hostileRoles, writeHostileParquet } from '../../test/sqlHostile';
import { type Contract, expectClose, openContract, WIDE_PARQUET } from '../../test/serverContract';

/** The summary facts the views read; arrowType names differ (Arrow's vs DuckDB's) by design. */
function facts(r: OpenResult) {
  const s = r.summary!;
  return {
    numRows: s.numRows,
    inferred: s.inferred,
    idColumn: s.report.idColumn,
    duplicateIds: s.report.duplicateIds,
    nullIds: s.report.nullIds,
    columns: s.columns.map(({ arrowType: _a, ...c }) => c),
  };
}

async function sameAnalysis(c: Contract, roles: RoleMapping, thresholds: Record<string, number>) {
  const [ta] = await c.ask('setThresholds', thresholds);
  const [a, b] = await c.ask('analyse', roles);
  const x = a as Analysis;
  const y = b as Analysis;
  expect(y.classes).toEqual(x.classes);
  expect(y.positiveClass).toEqual(x.positiveClass);
  expectClose(y.metrics, x.metrics);
  void ta;
  return x;
}

const cohort = (id: string, predicate: Predicate): CohortDef => ({ id, name: id, predicate });

describe('contract: wide-snappy.parquet (multiclass, 500 rows)', () => {
  let c: Contract;
  beforeAll(async () => (c = await openContract(WIDE_PARQUET)));
  afterAll(() => c.close());

  it('opens to the same columns, row count and inferred roles', async () => {
    const [a, b] = c.opened;
    expect(facts(b)).toEqual(facts(a));
    // Independent of both: the fixture's README says 500 rows.
    expect(b.summary!.numRows).toBe(500);
  });

  it('has the same headline metrics, and v1 / v2 accuracy are the documented 67.0% / 80.4%', async () => {
    const x = await sameAnalysis(c, c.opened[0].summary!.inferred, {});
    expect(x.metrics.map((m) => m.accuracy)).toEqual([0.67, 0.804]);
  });

  it('gives each cohort the same size and metrics', async () => {
    await sameAnalysis(c, c.opened[0].summary!.inferred, {});
    const defs = [
      cohort('all', { op: 'and', children: [] }),
      cohort('de', { op: 'in', column: 'country', values: ['DE'] }),
      cohort('old', { op: 'range', column: 'age', min: 50, max: null }),
      cohort('no age', { op: 'isNull', column: 'age' }),
      cohort('flip', { op: 'flip', from: 'v1', to: 'v2', kind: 'correct-to-wrong' }),
      cohort('v2 wrong', { op: 'outcome', version: 'v2', correct: false }),
      cohort('bad', { op: 'in', column: 'nope', values: ['x'] }),
      cohort('member and 1', {
        op: 'and',
        children: [
          { op: 'in', column: 'is_member', values: ['true'] },
          { op: 'label', values: ['1'] },
        ],
      }),
    ];
    const [a, b] = await c.ask('cohorts', defs);
    expectClose(b, a);
    // The README: 63 rows v1 right and v2 wrong.
    expect((b as { size: number }[])[4]!.size).toBe(63);
  });

  it('profiles every column and role the same way', async () => {
    const roles = c.opened[0].summary!.inferred;
    await sameAnalysis(c, roles, {});
    const fields = [
      ...['age', 'country', 'segment', 'is_member', 'signup', 'label', 'embedding', 'nope'].map(
        (name) => ({ type: 'column' as const, name }),
      ),
      { type: 'label' as const },
      { type: 'predicted' as const, version: 'v2' },
    ];
    for (const f of fields) {
      const [a, b] = await c.ask('profile', f);
      expectClose(b, a, JSON.stringify(f));
    }
    const [a, b] = await c.ask('profile', { type: 'column', name: 'country' }, 'e');
    expectClose(b, a);
  });
});

describe('contract: a DuckDB-written file with nulls, NaN, quotes and int64 ids', () => {
  let c: Contract;
  beforeAll(async () => (c = await openContract(await writeHostileParquet())));
  afterAll(() => c.close());

  const defs = [
    cohort('all', { op: 'and', children: [] }),
    cohort('float', { op: 'range', column: 'sp ace', min: -0.5, max: 0.25 }),
    cohort('text', { op: 'text', column: "it's", pattern: 'caf', mode: 'contains' }),
    cohort('not flag', { op: 'not', child: { op: 'in', column: 'flag', values: ['true'] } }),
  ];

  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: same metrics and cohorts, with and without thresholds`, async () => {
      const roles = hostileRoles[task];
      await sameAnalysis(c, roles, {});
      const [a, b] = await c.ask('cohorts', defs);
      expectClose(b, a);
      if (task === 'binary') {
        const x = await sameAnalysis(c, roles, { s1: 0.3 });
        expect(x.metrics[0]!.auc).not.toBeNull();
        const [a2, b2] = await c.ask('cohorts', defs);
        expectClose(b2, a2);
        await sameAnalysis(c, roles, {});
      }
      for (const f of [{ type: 'score' as const, version: roles.versions[0]!.name }]) {
        const [pa, pb] = await c.ask('profile', f);
        expectClose(pb, pa);
      }
    });
  }
});
