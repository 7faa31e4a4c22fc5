// Row groups decoded on two threads (parquet.ts `decodeShared`, parquetHelper.ts): whatever the
// helper does — answers out of order, fails some groups or all, refuses the types — the table must
// equal the one-thread decode of the same bytes, and a damaged group must fail as it does there.
// The helper here runs the same arrow-rs (parquet-wasm) in this thread, behind a promise with a
// random delay: the worker itself is exercised by the e2e Parquet specs. Reference values:
// DuckDB reading back the file it wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Table } from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata } from 'hyparquet';
import * as pw from 'parquet-wasm';
import { readParquet } from './parquet';
import type { GroupDecoder } from './parquetHelper';

const dir = mkdtempSync(join(tmpdir(), 'wb-pqhelper-'));
const FILE = join(dir, 'groups.parquet');
const N = 30_000;
let bytes: Uint8Array;
let duck: { probs: (number[] | null)[]; cat: (string | null)[]; f: (number | null)[] };

beforeAll(async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  // Several row groups; a 4-float probability list with null rows, a dictionary string, a
  // nullable float: the shapes the first view decodes.
  await c.run(
    `COPY (SELECT i AS id, (i % 4)::INTEGER AS label, ((i * 7) % 4)::INTEGER AS pred_v1,
       CASE WHEN i % 13 = 5 THEN NULL ELSE
         [((i % 97) / 97.0)::FLOAT, ((i % 89) / 89.0)::FLOAT, 0.25::FLOAT, (i / ${N})::FLOAT]
       END AS probs_v1,
       CASE WHEN i % 7 = 1 THEN NULL ELSE 'c' || ((i * 3) % 11)::VARCHAR END AS cat,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 0.5)::DOUBLE END AS f_num
     FROM range(${N}) t(i))
     TO '${FILE}' (FORMAT parquet, ROW_GROUP_SIZE 4096)`,
  );
  const rows = (
    await c.runAndReadAll(`SELECT probs_v1, cat, f_num FROM read_parquet('${FILE}') ORDER BY id`)
  ).getRowsJS();
  duck = {
    probs: rows.map((r) => (r[0] === null ? null : (r[0] as number[]).map(Number))),
    cat: rows.map((r) => (r[1] === null ? null : String(r[1]))),
    f: rows.map((r) => (r[2] === null ? null : Number(r[2]))),
  };
  c.closeSync();
  inst.closeSync();
  bytes = new Uint8Array(readFileSync(FILE));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * arrow-rs in this thread behind a random delay (up to `slow` ms); `fail(call)` says which calls
 * fail; a group taken back (`signal`) before its delay ends is not decoded.
 */
function helper(fail: (call: number) => boolean = () => false, slow = 8) {
  const h = {
    calls: 0,
    takenBack: 0,
    async decode(file: Uint8Array, signal?: AbortSignal) {
      const call = h.calls++;
      await new Promise((r) => setTimeout(r, Math.random() * slow));
      if (signal?.aborted) {
        h.takenBack++;
        throw new Error('taken back');
      }
      if (fail(call)) throw new Error('the helper decoder stopped');
      return pw.readParquet(file, { batchSize: 1 << 20 }).intoIPCStream();
    },
  };
  return h satisfies GroupDecoder;
}

/** A value as plain data: lists as arrays, BigInt as text. */
const plain = (v: unknown): unknown =>
  v === null || v === undefined
    ? null
    : typeof v === 'bigint'
      ? String(v)
      : typeof (v as { toArray?: unknown }).toArray === 'function'
        ? Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), plain)
        : v;

/** Every column's type and values, row by row. */
const dump = (t: Table) =>
  t.schema.fields.map((f) => {
    const col = t.getChild(f.name)!;
    return {
      name: f.name,
      type: String(f.type),
      values: Array.from({ length: t.numRows }, (_, i) => plain(col.get(i))),
    };
  });

const column = (t: Table, name: string) => dump(t).find((c) => c.name === name)!.values;

describe('row groups decoded on two threads', () => {
  it('the file has several row groups (else nothing is shared)', () => {
    expect(parquetMetadata(bytes.slice().buffer).row_groups.length).toBeGreaterThan(3);
  });

  it('equal the one-thread decode and DuckDB, with the helper taking groups', async () => {
    const one = await readParquet(bytes);
    for (const columns of [undefined, ['id', 'label', 'pred_v1', 'probs_v1'], ['probs_v1']]) {
      const h = helper();
      const progress: number[] = [];
      const two = await readParquet(bytes, {
        columns,
        helper: h,
        onProgress: (done) => progress.push(done),
      });
      expect(h.calls).toBeGreaterThan(0);
      const want = dump(one).filter((c) => !columns || columns.includes(c.name));
      expect(dump(two)).toEqual(want);
      expect(two.batches.length).toBe(one.batches.length);
      expect(progress.at(-1)).toBe(N);
    }
    const two = await readParquet(bytes, { helper: helper() });
    expect(column(two, 'probs_v1')).toEqual(duck.probs.map((p) => p && p.map(Math.fround)));
    expect(column(two, 'cat')).toEqual(duck.cat);
    expect(column(two, 'f_num')).toEqual(duck.f);
  });

  it('groups the helper fails (some or all) are decoded here, to the same table', async () => {
    const one = dump(await readParquet(bytes));
    for (const fail of [() => true, (k: number) => k % 2 === 0, (k: number) => k === 3]) {
      const h = helper(fail);
      expect(dump(await readParquet(bytes, { helper: h }))).toEqual(one);
      expect(h.calls).toBeGreaterThan(0);
    }
  });

  it('groups a slow helper has not started are taken back and decoded here, to the same table', async () => {
    const one = dump(await readParquet(bytes));
    const h = helper(() => false, 400);
    const progress: number[] = [];
    const two = await readParquet(bytes, { helper: h, onProgress: (d) => progress.push(d) });
    expect(dump(two)).toEqual(one);
    expect(h.takenBack).toBeGreaterThan(0);
    // Each group's rows counted once.
    expect(progress.at(-1)).toBe(N);
    expect(progress.every((d, i) => i === 0 || d > progress[i - 1]!)).toBe(true);
  });

  it('a damaged page in a later group fails the read with the one-thread message', async () => {
    const meta = parquetMetadata(bytes.slice().buffer);
    const g = meta.row_groups[3]!;
    const chunk = g.columns.find((c) => c.meta_data!.path_in_schema[0] === 'probs_v1')!.meta_data!;
    const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    const size = Number(chunk.total_compressed_size);
    // A page header overwritten, then the compressed bytes of a page body scrambled.
    const header = bytes.slice();
    header.fill(0xff, start, start + 12);
    const body = bytes.slice();
    for (let i = start + Math.floor(size / 2); i < start + size - 8; i += 3)
      body[i] = body[i]! ^ 0x5a;
    for (const bad of [header, body]) {
      const one = await readParquet(bad).then(
        () => 'read',
        (e: Error) => e.message,
      );
      const two = await readParquet(bad, { helper: helper() }).then(
        () => 'read',
        (e: Error) => e.message,
      );
      expect(two).toBe(one);
      expect(one).toMatch(bad === header ? /page header of column "probs_v1/ : /corrupt/);
    }
  });
});
