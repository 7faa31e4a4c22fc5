import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NeighboursRequest, NeighboursResult } from '../../protocol';
import { type Contract, expectClose, openContract, WIDE_PARQUET } from '../../test/serverContract';

const req = (over: Partial<NeighboursRequest> = {}): NeighboursRequest => ({
  row: 7,
  k: 10,
  metric: 'euclidean',
  embedding: 'embedding',
  cohort: null,
  ...over,
});

describe('contract neighbours: an exact distance scan in SQL', () => {
  let c: Contract;
  beforeAll(async () => {
    c = await openContract(WIDE_PARQUET);
    await c.ask('analyse', c.opened[0].summary!.inferred);
  });
  afterAll(() => c.close());

  it('the same neighbour ids, order and distances as the tab, both metrics, by index and id', async () => {
    const id = String(2 ** 53 + 1 + 123);
    const cohort = { op: 'in' as const, column: 'country', values: ['DE'] };
    for (const r of [
      req(),
      req({ metric: 'cosine', k: 25 }),
      req({ row: id, k: 5 }),
      req({ row: '#42', cohort }),
      req({ k: 1000 }),
    ]) {
      const [a, b] = (await c.ask('neighbours', r)) as [NeighboursResult, NeighboursResult];
      expect(a.error).toBeNull();
      expect(b.rows.map((x) => x.id)).toEqual(a.rows.map((x) => x.id));
      expectClose(b, a, `${r.metric} ${String(r.row)}`);
    }
  });

  it('distances are the true ones: row 7’s nearest recomputed here from its vector', async () => {
    const [, b] = (await c.ask('neighbours', req({ k: 3 }))) as [
      NeighboursResult,
      NeighboursResult,
    ];
    const vec = async (i: number) =>
      (await c.db.rows(`SELECT embedding FROM wb_data WHERE __wb_row = ${i}`))[0]!
        .embedding as number[];
    const q = await vec(7);
    for (const n of b.rows) {
      const v = await vec(n.index);
      const d = Math.sqrt(v.reduce((s, x, j) => s + (x - q[j]!) ** 2, 0));
      expect(n.distance).toBeCloseTo(d, 12);
    }
    expect(b.rows[0]!.distance).toBeLessThanOrEqual(b.rows[2]!.distance);
    expect(b.candidates).toBe(499);
  });

  it('an unknown row and a column that is no embedding say so as the tab does', async () => {
    for (const r of [req({ row: 'nope' }), req({ embedding: 'age' })]) {
      const [a, b] = await c.ask('neighbours', r);
      expectClose(b, a);
      expect((b as NeighboursResult).error).toBeTruthy();
    }
  });
});
