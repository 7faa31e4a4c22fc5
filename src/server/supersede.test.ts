import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServed, type Served } from './served';
import { ServerBackend } from './backend/backend';
import { Superseder } from './supersede';
import { WIDE_PARQUET } from '../test/serverContract';
import type { CohortStats, CompareResult, RowColumn, RowsPage } from '../protocol';

// A statement that would run for minutes on 2 cores: it ends only if it is interrupted.
const ENDLESS = 'SELECT sum(i % 7) AS s FROM range(100000000000) t(i)';

describe('superseded requests stop their DuckDB statements', () => {
  let db: Served;
  let server: ServerBackend;
  beforeAll(async () => {
    db = await openServed([WIDE_PARQUET], 2);
    server = new ServerBackend(db);
    const opened = (await server.call('open', [])) as { summary: { inferred: unknown } };
    await server.call('analyse', [opened.summary.inferred]);
  });
  afterAll(() => db.close());

  it('a running statement is interrupted when a newer request of its kind arrives', async () => {
    const calls = new Superseder();
    const old = calls.run({ kind: 'k', identity: 'a' }, undefined, () => db.rows(ENDLESS));
    // Wait until the statement holds a connection, then supersede it.
    await new Promise((ok) => setTimeout(ok, 300));
    const newer = calls.run({ kind: 'k', identity: 'b' }, undefined, () =>
      db.rows('SELECT 41 + 1 AS x'),
    );
    await expect(old).rejects.toThrow(/cancelled: a newer request replaced this one/);
    expect(Number((await newer)[0]!.x)).toBe(42);
    // The pool's connections are all usable after the interrupt (3 in the pool, 6 statements).
    const after = await Promise.all(
      Array.from({ length: 6 }, (_, i) => db.rows(`SELECT ${i} * 2 AS y`)),
    );
    expect(after.map((r) => Number(r[0]!.y))).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('the same identity runs side by side; another kind is untouched', async () => {
    const calls = new Superseder();
    const a = calls.run({ kind: 'rows', identity: 'q' }, undefined, () => db.rows('SELECT 1 AS x'));
    const b = calls.run({ kind: 'rows', identity: 'q' }, undefined, () => db.rows('SELECT 2 AS x'));
    const c = calls.run({ kind: 'other', identity: 'z' }, undefined, () =>
      db.rows('SELECT 3 AS x'),
    );
    const got = await Promise.all([a, b, c]);
    expect(got.map((r) => Number(r[0]!.x))).toEqual([1, 2, 3]);
  });

  it('by the page’s order, not arrival: a late older request is cancelled at once; pages apart', async () => {
    const calls = new Superseder();
    const run = (identity: string, page: string, seq: number) =>
      calls.run({ kind: 'cohorts', identity }, { page, seq }, () => db.rows('SELECT 1 AS x'));
    // Page p sent 2 then 1; 1 arrives second: the page has moved on from it.
    await expect(run('new', 'p', 2)).resolves.toHaveLength(1);
    await expect(run('old', 'p', 1)).rejects.toThrow(/cancelled/);
    // Another page (another tab, or this one reloaded) numbers its own requests.
    await expect(run('other', 'q', 1)).resolves.toHaveLength(1);
    // A cancel (the page left the view) refuses the requests sent before it, not after.
    calls.cancel('cohorts', { page: 'p', seq: 5 });
    await expect(run('before', 'p', 4)).rejects.toThrow(/cancelled/);
    await expect(run('after', 'p', 6)).resolves.toHaveLength(1);
  });

  it('a cohort edit while the previous list is computed: the old answered cancelled, the new right', async () => {
    const de = { op: 'in' as const, column: 'country', values: ['DE'] };
    const us = { op: 'in' as const, column: 'country', values: ['US'] };
    const old = server.call('cohorts', [[{ id: 'c', name: 'c', predicate: de }]]);
    const newer = server.call('cohorts', [[{ id: 'c', name: 'c', predicate: us }]]);
    await expect(old).rejects.toThrow(/cancelled/);
    const [stats] = (await newer) as CohortStats[];
    const [want] = await db.rows(`SELECT count(*) AS n FROM wb_data WHERE country = 'US'`);
    expect(stats!.size).toBe(Number(want!.n));
    expect(stats!.size).toBeGreaterThan(0);
  });

  it('leaving Compare stops its bootstrap; rows of a new sort stop the old pages only', async () => {
    const req = { baseline: 'v1', cohorts: [], seed: 7, resamples: 200 };
    const boot = server.call('compare', [req]);
    await server.call('leaveCompare', []);
    await expect(boot).rejects.toThrow(/cancelled/);
    // Asked again, it answers in full.
    const again = (await server.call('compare', [req])) as CompareResult;
    expect(again.resamples).toBe(200);

    const cols = (await server.call('rowColumns', [])) as RowColumn[];
    const key = (name: string) => cols.find((k) => k.label === name)!.key;
    const page = (sort: string, offset: number) => ({
      cohort: null,
      sort: { column: key(sort), desc: false },
      offset,
      limit: 50,
      columns: [key('id'), key('age')],
    });
    const p0 = server.call('rows', [page('age', 0)]);
    const p1 = server.call('rows', [page('age', 50)]);
    const other = server.call('rows', [page('id', 0)]);
    const stale = await Promise.allSettled([p0, p1]);
    for (const s of stale) {
      expect(s.status).toBe('rejected');
      expect(String((s as PromiseRejectedResult).reason)).toMatch(/cancelled/);
    }
    const first = (await other) as RowsPage;
    expect(first.error).toBeNull();
    expect(first.total).toBe(500);
    expect(first.rows.length).toBe(50);
  });
});
