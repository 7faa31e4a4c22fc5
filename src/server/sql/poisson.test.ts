import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { poissonWeight } from '../../engine/stats/poisson';
import { poissonWeighted } from './poisson';

// The SQL weights against the tab's own function, row by row, on row indices that exercise every
// bit of the 32-bit hash (small, around 2^16, 2^31 − 1, large 32-bit values).
describe('Poisson(1) weights in DuckDB', () => {
  let db: DuckDBInstance;
  let c: DuckDBConnection;
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
    c = await db.connect();
  });
  afterAll(() => {
    c.closeSync();
    db.closeSync();
  });

  it('equal poissonWeight(seed, r, row) for every row and resample, odd resample counts too', async () => {
    const rows = [
      ...Array.from({ length: 500 }, (_, i) => i),
      65535,
      65536,
      65537,
      2147483647,
      4000000000,
      123456789,
    ];
    for (const [seed, B] of [
      [7, 11],
      [0, 4],
      [-3, 9],
      [2 ** 31 + 5, 6],
    ] as const) {
      const inner = `SELECT i AS "__row", i AS v FROM (VALUES ${rows.map((i) => `(${i})`).join(', ')}) x(i)`;
      const sql = `SELECT v, r, w FROM ${poissonWeighted(inner, '__row', ['v'], B, seed)}`;
      const got = (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
      expect(got.length).toBe(rows.length * B);
      let mismatches = 0;
      const freq = new Array<number>(9).fill(0);
      for (const g of got) {
        const want = poissonWeight(seed, Number(g.r), Number(g.v));
        if (Number(g.w) !== want) mismatches++;
        freq[want]!++;
      }
      expect(mismatches).toBe(0);
      // Not all one value: weights 0, 1, 2 and 3 all occur.
      expect(freq.slice(0, 4).every((f) => f > 0)).toBe(true);
    }
  });
});
