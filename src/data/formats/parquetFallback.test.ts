// The plain-string fallback of readParquet (parquet.ts): when arrow-rs refuses the embedded Arrow
// schema that names dictionary-encoded string columns Dictionary<Int32, Utf8>
// (parquetDictionary.ts), the file's strings are read as plain strings, for every row group and
// every later read of the same file. The real decoder does not refuse that schema today, so the
// test forces it: the schema handed over has a field the file does not (arrow-rs: "incompatible
// arrow schema"; it silently ignores a merely wrong type). The values must still be DuckDB's own.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dictionary, Field, Float64, Int32, Schema, Table, tableToIPC } from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import { fromArrowTable } from '../fromArrow';
import * as pw from 'parquet-wasm';
import { readParquet } from './parquet';

const force = vi.hoisted(() => ({ broken: false, calls: 0 }));

/** An IPC schema message, base64, as parquetDictionary.ts writes it. */
function schemaMessage(schema: Schema): Uint8Array {
  const out = tableToIPC(new Table(schema), 'stream');
  const len = new DataView(out.buffer, out.byteOffset).getInt32(4, true);
  const b64 = btoa(Array.from(out.subarray(0, 8 + len), (c) => String.fromCharCode(c)).join(''));
  return new TextEncoder().encode(b64);
}

vi.mock('./parquetDictionary', async (original) => {
  const m = await original<typeof import('./parquetDictionary')>();
  return {
    ...m,
    dictionarySchema: (schema: Schema, names: Set<string>) => {
      if (!force.broken) return m.dictionarySchema(schema, names);
      force.calls++;
      // The dictionary fields as asked, and one field too many: arrow-rs refuses the schema.
      const fields = schema.fields.map((f) =>
        names.has(f.name) ? f.clone({ type: new Dictionary(f.type, new Int32()) }) : f,
      );
      fields.push(new Field('not_in_file', new Float64()));
      return schemaMessage(new Schema(fields, schema.metadata));
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'wb-pqfallback-'));
const FILE = join(dir, 'dict.parquet');
const N = 4000;
let want: (string | null)[];

beforeAll(async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  // Several row groups of a dictionary-encoded string column with nulls.
  await c.run(
    `COPY (SELECT i AS id, (i % 3)::INTEGER AS label,
       CASE WHEN i % 9 = 2 THEN NULL ELSE 'k' || ((i * 5 + i // 1000) % 17)::VARCHAR END AS cat,
       (i % 3)::INTEGER AS pred_v1
     FROM range(${N}) t(i))
     TO '${FILE}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
  );
  const rows = (
    await c.runAndReadAll(`SELECT cat FROM read_parquet('${FILE}') ORDER BY id`)
  ).getRows();
  want = rows.map((r) => (r[0] === null ? null : String(r[0])));
  c.closeSync();
  inst.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dictionary strings refused by the decoder', () => {
  it('are read as plain strings, with the values DuckDB reads back', async () => {
    const bytes = new Uint8Array(readFileSync(FILE));
    force.broken = true;
    force.calls = 0;
    try {
      const types = { parquet: false };
      const t = await readParquet(bytes, { types });
      expect(force.calls).toBeGreaterThan(0); // the refused schema was offered
      expect(String(t.schema.fields.find((f) => f.name === 'cat')!.type)).toBe('Utf8');
      expect(t.batches.length).toBeGreaterThan(1); // every group, not only the first
      const col = fromArrowTable(t, 'dict.parquet', bytes.length).columns.find(
        (c) => c.name === 'cat',
      );
      if (col?.kind !== 'string') throw new Error(`cat read as ${col?.kind}`);
      expect(Array.from(col.codes, (k) => (k < 0 ? null : col.dictionary[k]!))).toEqual(want);
      // Remembered for the file: a later read of the column asks for plain strings at once.
      expect(types).toEqual({ parquet: false, plainStrings: true });
      force.calls = 0;
      const again = await readParquet(bytes, { columns: ['cat'], types });
      expect(force.calls).toBe(0);
      expect(again.getChild('cat')!.toArray()).toEqual(want);
    } finally {
      force.broken = false;
    }
  });

  it('are read as plain strings when row groups are shared with a helper decoder', async () => {
    const bytes = new Uint8Array(readFileSync(FILE));
    // The helper (arrow-rs in this thread) is handed groups written with the refused schema.
    let calls = 0;
    const helper = {
      decode: async (file: Uint8Array) => {
        calls++;
        return pw.readParquet(file).intoIPCStream();
      },
    };
    force.broken = true;
    try {
      const types: { parquet: boolean; plainStrings?: boolean } = { parquet: false };
      const t = await readParquet(bytes, { types, helper });
      expect(calls).toBeGreaterThan(0);
      expect(String(t.schema.fields.find((f) => f.name === 'cat')!.type)).toBe('Utf8');
      expect(t.getChild('cat')!.toArray()).toEqual(want);
      expect(types.plainStrings).toBe(true);
    } finally {
      force.broken = false;
    }
  });
});
