// Parquet and CSV files written by real producers (scripts/make-parquet-fixtures.mjs: polars,
// DuckDB) decode to the same columns as the Arrow file they were written from, read by arrow-js.
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureTable } from '../../test/fixtures';
import type { Column, LoadedTable } from '../types';
import { decodeFile } from './decode';

async function decoded(name: string): Promise<LoadedTable> {
  const f = await decodeFile(name, fixtureBytes(name));
  expect(f.table, `${name} decodes to a table`).toBeDefined();
  return f.table!;
}

/** Row i of a column as the app would show it, for comparison across formats. */
function cell(c: Column, i: number): unknown {
  switch (c.kind) {
    case 'numeric':
      return c.int64 ? c.int64[i] : c.values[i];
    case 'string':
      return c.codes[i]! < 0 ? null : c.dictionary[c.codes[i]!];
    case 'boolean':
    case 'timestamp':
      return c.values[i];
    case 'vector':
      return Array.from(c.values.subarray(i * c.dim, (i + 1) * c.dim));
  }
}

/** The reference: wide.arrow through arrow-js's row API (get), independent of our readers. */
const reference = fixtureTable('wide.arrow');
function expected(name: string, i: number): unknown {
  const v = reference.getChild(name)!.get(i);
  if (v === null) return name === 'age' ? NaN : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Float32Array) return Array.from(v);
  if (v && typeof v === 'object' && 'toArray' in v)
    return Array.from((v as { toArray(): Float32Array }).toArray());
  return v;
}

const COLUMNS = [
  'id',
  'label',
  'age',
  'country',
  'segment',
  'is_member',
  'signup',
  'pred_v1',
  'probs_v1',
  'embedding',
];

function expectSameAsArrow(t: LoadedTable) {
  expect(t.numRows).toBe(500);
  for (const name of COLUMNS) {
    const col = t.columns.find((c) => c.name === name);
    expect(col, name).toBeDefined();
    for (let i = 0; i < 500; i++) expect(cell(col!, i), `${name}[${i}]`).toEqual(expected(name, i));
  }
}

describe('Parquet from polars and DuckDB', () => {
  it.each([
    'wide.parquet',
    'wide-snappy.parquet',
    'wide-duckdb-snappy.parquet',
    'wide-duckdb-gzip.parquet',
    'wide-duckdb-brotli.parquet',
    'wide-duckdb-lz4raw.parquet',
    'wide-duckdb-uncompressed.parquet',
    'wide-v2.parquet',
    'wide-groups.parquet',
  ])('%s: every value equals the Arrow file read by arrow-js', async (name) => {
    const t = await decoded(name);
    expectSameAsArrow(t);
    // int64 ids above 2^53 stay exact.
    const id = t.columns.find((c) => c.name === 'id')!;
    expect(id.kind === 'numeric' && id.int64?.[0]).toBe(9007199254740993n);
  });

  it('a file with no row groups opens with its columns and no rows', async () => {
    const t = await decoded('wide-empty.parquet');
    expect(t.numRows).toBe(0);
    expect(t.columns.map((c) => c.name)).toContain('id');
  });
});

describe('CSV and TSV from DuckDB', () => {
  it.each(['wide.csv', 'wide.tsv', 'wide.csv.gz'])(
    '%s: types inferred, values equal the Arrow file',
    async (name) => {
      const t = await decoded(name);
      expectSameAsArrow(t);
      expect(t.arrowTypes).toMatchObject({
        id: 'Int64',
        label: 'Int64',
        age: 'Float64',
        country: 'Utf8',
        is_member: 'Bool',
        signup: 'Timestamp<MILLISECOND>',
        probs_v1: 'FixedSizeList[3]<Float32>',
      });
    },
  );
});
