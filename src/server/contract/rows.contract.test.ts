import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowDetail, Predicate, RowColumn, RowsPage, RowsRequest } from '../../protocol';
import { HOSTILE, hostileRoles, writeHostileParquet } from '../../test/sqlHostile';
import { type Contract, expectClose, openContract, WIDE_PARQUET } from '../../test/serverContract';

/** Columns, then pages for each sortable column both ways, in and out of a cohort. */
async function samePages(c: Contract, cohorts: (Predicate | null)[]) {
  const [ca, cb] = await c.ask('rowColumns');
  expect(cb).toEqual(ca);
  const cols = ca as RowColumn[];
  const keys = cols.map((k) => k.key);
  for (const cohort of cohorts) {
    const sorts = [null, ...cols.filter((k) => k.sortable).map((k) => k.key)];
    for (const column of sorts) {
      for (const desc of column ? [false, true] : [false]) {
        const req: RowsRequest = {
          cohort,
          sort: column ? { column, desc } : null,
          offset: 7,
          limit: 40,
          columns: keys,
        };
        const [a, b] = await c.ask('rows', req);
        expectClose(b, a, JSON.stringify(req.sort));
        expect((a as RowsPage).rows.length).toBeGreaterThan(0);
      }
    }
  }
}

describe('contract rows: wide-snappy.parquet', () => {
  let c: Contract;
  beforeAll(async () => {
    c = await openContract(WIDE_PARQUET);
    await c.ask('analyse', c.opened[0].summary!.inferred);
  });
  afterAll(() => c.close());

  it('gives the same columns and the same sorted pages', async () => {
    await samePages(c, [null, { op: 'in', column: 'country', values: ['DE', 'US'] }]);
  }, 120_000);

  it('finds the same ids and shows the same row detail', async () => {
    for (const q of ['', '9007199254741000', '900719925474100', '42', 'x']) {
      const [a, b] = await c.ask('findIds', q, 10);
      expectClose(b, a, q);
    }
    const cohorts = [
      { id: 'de', name: 'de', predicate: { op: 'in', column: 'country', values: ['DE'] } },
    ];
    for (const row of ['9007199254741000', '9007199254740993', '#3', 'nope']) {
      const [a, b] = await c.ask('rowDetail', {
        row,
        cohort: cohorts[0]!.predicate,
        cohorts,
      });
      expectClose(b, a, row);
    }
  });

  it('without ranks: the same row at once, percentiles and cohort size left for the full scan', async () => {
    const cohort = { op: 'in' as const, column: 'country', values: ['DE'] };
    const req = { row: '9007199254741000', cohort, cohorts: [] };
    const [full] = (await c.ask('rowDetail', req)) as RowDetail[];
    const fast = (await c.server.call('rowDetail', [{ ...req, ranks: false }])) as RowDetail;
    if (!full!.found || !fast.found) throw new Error('the row is in the file');
    expect(fast.ranked).toBe(false);
    expect(fast.versions.every((v) => v.percentile === null)).toBe(true);
    expect(full!.versions.some((v) => v.percentile !== null)).toBe(true);
    const strip = (d: typeof fast) => ({
      ...d,
      cohortSize: 0,
      ranked: undefined,
      versions: d.versions.map((v) => ({ ...v, percentile: null })),
    });
    expectClose(strip(fast), strip(full!));
  });
});

describe('contract rows: the hostile DuckDB-written file', () => {
  let c: Contract;
  beforeAll(async () => (c = await openContract(await writeHostileParquet())));
  afterAll(() => c.close());

  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    it(`${task}: same pages, ids and row detail`, async () => {
      await c.ask('analyse', hostileRoles[task]);
      await samePages(c, [{ op: 'range', column: HOSTILE.float, min: -0.5, max: 0.5 }]);
      for (const q of ['90071992547410', '9007199254741000']) {
        const [a, b] = await c.ask('findIds', q, 5);
        expectClose(b, a, q);
      }
      for (const row of ['9007199254741000', '#17', '9007199254741292']) {
        const [a, b] = await c.ask('rowDetail', { row, cohort: null, cohorts: [] });
        expectClose(b, a, row);
      }
    }, 120_000);
  }
});
