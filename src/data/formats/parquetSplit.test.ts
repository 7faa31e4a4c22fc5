// The row-group split (parquetSplit.ts) and column projection (readParquet's `columns`): what
// arrow-rs decodes from the small files must equal what it decodes from the whole file.
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { corpusBytes, fixtureBytes } from '../../test/fixtures';
import { readParquet } from './parquet';
import { splitFooter } from './parquetSplit';
import { checkParquetFooter } from './parquetFooter';
import { readStruct, writeStruct } from './thrift';

const FILES = [
  'wide.parquet', // polars, zstd, with its embedded Arrow schema (categoricals refused by arrow-rs)
  'wide-duckdb-snappy.parquet',
  'wide-v2.parquet',
  'wide-groups.parquet', // several row groups
];

function footerBytes(bytes: Uint8Array): Uint8Array {
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
  return bytes.subarray(bytes.length - 8 - len, bytes.length - 8);
}

describe('thrift compact round trip', () => {
  it.each(FILES)('%s: the footer re-encodes to the same bytes', (name) => {
    const f = footerBytes(fixtureBytes(name));
    expect(Buffer.from(writeStruct(readStruct(f))).equals(Buffer.from(f))).toBe(true);
  });

  it('a truncated footer throws instead of reading past its end', () => {
    const f = footerBytes(fixtureBytes('wide.parquet'));
    expect(() => readStruct(f.subarray(0, f.length >> 1))).toThrow(/past the end/);
  });
});

/** Every column's values as plain arrays (arrow-js row API: independent of our readers). */
function values(t: Awaited<ReturnType<typeof readParquet>>, name: string): unknown[] {
  const out: unknown[] = [];
  const col = t.getChild(name)!;
  for (let i = 0; i < t.numRows; i++) {
    const v = col.get(i);
    out.push(v && typeof v === 'object' && 'toArray' in v ? Array.from(v.toArray()) : v);
  }
  return out;
}

describe('row groups and column projection', () => {
  it.each(FILES)('%s: split by row group, the same rows as hyparquet counts', async (name) => {
    const bytes = fixtureBytes(name);
    const meta = parquetMetadata(bytes);
    const s = splitFooter(bytes);
    expect(s.numRowGroups).toBe(meta.row_groups.length);
    const t = await readParquet(bytes);
    expect(t.numRows).toBe(Number(meta.num_rows));
    expect(t.batches.length).toBeGreaterThanOrEqual(meta.row_groups.length);
    expect(t.schema.fields.map((f) => f.name)).toEqual(s.names);
  });

  it.each(FILES)('%s: only the named columns, values equal to the full read', async (name) => {
    const bytes = fixtureBytes(name);
    const full = await readParquet(bytes);
    const want = ['probs_v1', 'id', 'country', 'no_such_column'];
    const part = await readParquet(bytes, { columns: want });
    // File order, unknown names skipped.
    expect(part.schema.fields.map((f) => f.name)).toEqual(
      full.schema.fields.map((f) => f.name).filter((n) => want.includes(n)),
    );
    expect(part.numRows).toBe(full.numRows);
    for (const c of ['id', 'country', 'probs_v1']) {
      expect(values(part, c), c).toEqual(values(full, c));
    }
  });

  it('reports progress row group by row group', async () => {
    const bytes = fixtureBytes('wide-groups.parquet');
    const seen: [number, number][] = [];
    await readParquet(bytes, { onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.length).toBe(parquetMetadata(bytes).row_groups.length);
    expect(seen.at(-1)).toEqual([500, 500]);
    expect(seen.every(([d], i) => i === 0 || d > seen[i - 1]![0])).toBe(true);
  });

  it('arrow-rs file with an embedded Arrow schema: the projected schema keeps its types', async () => {
    const bytes = corpusBytes('pq-base.parquet'); // written by arrow-rs, with ARROW:schema
    expect(splitFooter(bytes).arrowSchema).not.toBeNull();
    const full = await readParquet(bytes);
    const keep = full.schema.fields.filter((_, i) => i % 2 === 1).map((f) => f.name);
    const part = await readParquet(bytes, { columns: keep });
    expect(part.schema.fields.map((f) => `${f.name}: ${String(f.type)}`)).toEqual(
      full.schema.fields
        .filter((f) => keep.includes(f.name))
        .map((f) => `${f.name}: ${String(f.type)}`),
    );
    for (const c of keep) expect(values(part, c), c).toEqual(values(full, c));
  });
});

describe('the footer parsed once per buffer', () => {
  it('is parsed again when the buffer changed in place, and a damaged one still throws', () => {
    const bytes = fixtureBytes('wide-duckdb-snappy.parquet').slice();
    const a = splitFooter(bytes);
    expect(splitFooter(bytes)).toBe(a);
    expect(checkParquetFooter(bytes)).toBe(checkParquetFooter(bytes));
    // Rename the first column in place: its name's bytes, as the footer stores them.
    const f = footerBytes(bytes);
    const name = new TextEncoder().encode(a.names[0]!);
    const at = f.findIndex((_, i) => name.every((c, j) => f[i + j] === c));
    expect(at).toBeGreaterThanOrEqual(0);
    f[at] = 'Z'.charCodeAt(0);
    const b = splitFooter(bytes);
    expect(b).not.toBe(a);
    expect(b.names[0]).toBe('Z' + a.names[0]!.slice(1));
    expect(checkParquetFooter(bytes).schema[1]!.name).toBe(b.names[0]);
    // The footer's length field made absurd: the check fails as it did without a cache.
    new DataView(bytes.buffer).setUint32(bytes.length - 8, bytes.length, true);
    expect(() => checkParquetFooter(bytes)).toThrow(/footer claims/);
  });
});
