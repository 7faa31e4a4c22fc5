// The server's other inputs: CSV files (loaded into memory, JSON-array text read as lists) and a
// table of a `.duckdb` database (attached read-only). Each must answer as the same data in
// Parquet does; bad inputs stop with a sentence naming them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openServed, type Served } from './served';
import { ServerBackend } from './backend/backend';
import { resolveInputs } from './inputs';
import { expectClose } from '../test/serverContract';

const WIDE = fileURLToPath(new URL('../../e2e/data/wide-snappy.parquet', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wb-sources-'));
const CSV_A = join(dir, 'part-a.csv');
const CSV_B = join(dir, 'part-b.csv');
const DB = join(dir, 'preds.duckdb');

beforeAll(async () => {
  // DuckDB writes the other forms of the same Parquet file: two CSV halves and a database.
  const inst = await DuckDBInstance.create(DB);
  const c = await inst.connect();
  const src = `read_parquet('${WIDE}')`;
  await c.run(`CREATE TABLE preds AS SELECT * FROM ${src}`);
  await c.run(`CREATE TABLE notes AS SELECT 1 AS a`);
  await c.run(`CREATE TABLE holes AS SELECT * FROM range(10) t(i)`);
  await c.run(`DELETE FROM holes WHERE i = 3`);
  const n = Number((await c.runAndReadAll(`SELECT count(*) FROM ${src}`)).getRows()[0]![0]);
  const half = Math.floor(n / 2);
  await c.run(`COPY (SELECT * FROM ${src} LIMIT ${half}) TO '${CSV_A}' (HEADER)`);
  await c.run(`COPY (SELECT * FROM ${src} OFFSET ${half}) TO '${CSV_B}' (HEADER)`);
  c.closeSync();
  inst.closeSync();
});

/**
 * Every value of the served view in row order, the row index dropped. List items as float32:
 * the Parquet lists are FLOAT[], which CSV text carries as their shortest float32 digits.
 */
async function values(db: Served) {
  const rows = await db.rows('SELECT * EXCLUDE (__wb_row) FROM wb_data ORDER BY __wb_row');
  const plain = (v: unknown) =>
    typeof v === 'bigint' ? Number(v) : Array.isArray(v) ? v.map((x) => Math.fround(x)) : v;
  return rows.map((r) => Object.values(r).map(plain));
}

describe('server inputs beside Parquet', () => {
  let parquet: Served;
  beforeAll(async () => {
    parquet = await openServed([WIDE], 1);
  });
  afterAll(() => parquet.close());

  it('two CSV parts answer as the Parquet file: same values in order, lists read as lists, same analysis', async () => {
    const inputs = await resolveInputs([join(dir, 'part-*.csv')], dir);
    expect(inputs.format).toBe('csv');
    const csv = await openServed(inputs, 1);
    try {
      expect(csv.columns.map((c) => c.name)).toEqual(parquet.columns.map((c) => c.name));
      const lists = parquet.columns.filter((c) => c.type.endsWith('[]')).map((c) => c.name);
      expect(lists.length).toBeGreaterThan(0);
      for (const name of lists)
        expect(csv.columns.find((c) => c.name === name)!.type).toBe('DOUBLE[]');
      expect(csv.fileRows.reduce((a, b) => a + b, 0)).toBe(parquet.rowCount);
      expectClose(await values(csv), await values(parquet));
      const [a, b] = [new ServerBackend(csv), new ServerBackend(parquet)];
      const [oa, ob] = [await a.open(), await b.open()];
      expectClose(oa.summary?.numRows, ob.summary?.numRows);
      const roles = ob.summary!.inferred;
      expectClose(oa.summary!.inferred, roles);
      expectClose((await a.analyse(roles)).metrics, (await b.analyse(roles)).metrics);
      // Locked like Parquet: the CSV was read before the lock; nothing else can be.
      await expect(csv.rows(`SELECT * FROM read_csv('${CSV_A}')`)).rejects.toThrow();
    } finally {
      csv.close();
    }
  });

  it('a table of a .duckdb file answers as the Parquet file', async () => {
    const db = await openServed(await resolveInputs([DB], dir, 'preds'), 1);
    try {
      expect(db.rowCount).toBe(parquet.rowCount);
      expectClose(await values(db), await values(parquet));
      await expect(db.rows("ATTACH '/tmp/other.duckdb' AS o")).rejects.toThrow();
    } finally {
      db.close();
    }
  });

  it('names what it cannot serve', async () => {
    await expect(openServed(await resolveInputs([DB], dir), 1)).rejects.toThrow(
      /has 3 tables \(holes, notes, preds\): name one with --table/,
    );
    await expect(openServed(await resolveInputs([DB], dir, 'nope'), 1)).rejects.toThrow(
      /has no table nope \(its tables: holes, notes, preds\)/,
    );
    await expect(openServed(await resolveInputs([DB], dir, 'holes'), 1)).rejects.toThrow(
      /gaps in its row ids/,
    );
    await expect(resolveInputs([WIDE, CSV_A], dir)).rejects.toThrow(/one kind of file at a time/);
    await expect(resolveInputs([WIDE], dir, 'preds')).rejects.toThrow(/--table names a table/);
  });
});
