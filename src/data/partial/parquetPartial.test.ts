// The Parquet range reader (parquetPartial.ts): the footer from the tail, then only the first
// view's columns' chunks. What it decodes must equal a whole-file decode of the same bytes, it
// must not read the deferred columns' chunks before the dataset opens, and damage must still end
// in a message naming the file (or, in a deferred column, that column's failure alone).
// Files from real writers: polars (committed fixture) and DuckDB (several row groups, page v2).
import { describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { parquetMetadata } from 'hyparquet';
import { fixtureBytes } from '../../test/fixtures';
import { readParquet } from '../formats/parquet';
import { decodeFile } from '../formats/decode';
import { type Range, mergeRanges } from './ranges';
import { readParquetPartially } from './parquetPartial';
import { Session } from '../../worker/session/session';
import type { ColumnsUpdate } from '../../protocol';

const FIXTURES = [
  'deferred-polars.parquet',
  'wide-groups.parquet',
  'wide-v2.parquet',
  'wide-duckdb-snappy.parquet',
];

/** A Blob over `bytes` that records every byte range read from it. */
function recording(bytes: Uint8Array): { blob: Blob; reads: Range[] } {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const reads: Range[] = [];
  const blob = {
    size: file.size,
    slice: (a: number, b: number) => (reads.push([a, b]), file.slice(a, b)),
  } as unknown as Blob;
  return { blob, reads };
}

/** Each top-level column's chunks [start, end), from hyparquet's own footer read. */
function chunksByColumn(bytes: Uint8Array): Map<string, Range[]> {
  const meta = parquetMetadata(bytes.slice().buffer);
  const out = new Map<string, Range[]>();
  for (const g of meta.row_groups) {
    for (const c of g.columns) {
      const m = c.meta_data!;
      const start = Number(m.dictionary_page_offset ?? m.data_page_offset);
      const top = m.path_in_schema[0]!;
      out.set(top, [...(out.get(top) ?? []), [start, start + Number(m.total_compressed_size)]]);
    }
  }
  return out;
}

/** Values of a column as plain JSON (BigInt as text), for comparing two decodes. */
const values = (t: Table, name: string) =>
  JSON.stringify(t.getChild(name)!.toArray(), (_k, v: unknown) =>
    typeof v === 'bigint' ? String(v) : v,
  );

const overlaps = (a: Range, b: Range) => a[0] < b[1] && b[0] < a[1];

describe('reading a Parquet file by range', () => {
  it.each(FIXTURES)(
    '%s: first columns read by range equal the whole decode, and deferred chunks are not read',
    async (name) => {
      const bytes = fixtureBytes(name);
      const { blob, reads } = recording(bytes);
      // The tail read is made small so that only the footer's own bytes are read with it.
      const p = await readParquetPartially(blob, undefined, undefined, 8);
      expect(p).not.toBeNull();
      const eagerNames = p!.eager.schema.fields.map((f) => f.name);
      const deferredNames = p!.deferred.map((i) => p!.schema.fields[i]!.name);
      expect(deferredNames).toContain('embedding');
      for (const n of ['id', 'label', 'pred_v1']) expect(eagerNames).toContain(n);

      // Nothing of a deferred column's chunks was read before the dataset could open.
      const chunks = chunksByColumn(bytes);
      const read = mergeRanges(reads, 0);
      for (const n of deferredNames)
        for (const c of chunks.get(n)!)
          for (const r of read) expect(overlaps(c, r), `${n} ${c} read by ${r}`).toBe(false);
      // Every eager chunk was read.
      for (const n of eagerNames)
        for (const c of chunks.get(n)!)
          expect(read.some((r) => r[0] <= c[0] && c[1] <= r[1])).toBe(true);

      const whole = await readParquet(bytes);
      expect(p!.eager.numRows).toBe(whole.numRows);
      for (const n of eagerNames) expect(values(p!.eager, n), n).toBe(values(whole, n));

      // Loading a deferred column reads its chunks.
      const signal = new AbortController().signal;
      for (const i of p!.deferred) await p!.source.load(i, blob, () => {}, signal);
      const after = mergeRanges(reads, 0);
      for (const n of deferredNames)
        for (const c of chunks.get(n)!)
          expect(after.some((r) => r[0] <= c[0] && c[1] <= r[1])).toBe(true);
    },
  );

  it('a deferred column decoded from its ranges equals the same column of a whole decode', async () => {
    for (const name of FIXTURES) {
      const bytes = fixtureBytes(name);
      const { blob } = recording(bytes);
      const p = (await readParquetPartially(blob))!;
      const s = new Session();
      const whole = await s.openFiles([{ name, bytes }]);
      expect(whole.errors).toEqual([]);
      const signal = new AbortController().signal;
      for (const i of p.deferred) {
        const col = p.schema.fields[i]!.name;
        await p.source.load(i, blob, () => {}, signal);
        const { col: got } = await p.source.decode(i, col, () => {}, signal);
        expect(got, `${name}: ${col}`).toEqual(s.dataset.byName.get(col));
      }
    }
  });
});

/** Opens `bytes` as a picked file, allowing the partial read at any size. */
async function open(bytes: Uint8Array, fileName = 'preds.parquet') {
  const s = new Session();
  s.partialMinBytes = 0;
  const updates: ColumnsUpdate[] = [];
  const file = new File([bytes as Uint8Array<ArrayBuffer>], fileName);
  const r = await s.open(
    [{ kind: 'file', file }],
    () => {},
    1,
    (u) => updates.push(u),
  );
  return { s, r, updates };
}

/** The first page header of `column`'s chunk in row group 0, overwritten with 0xff. */
function badPageHeader(column: string): Uint8Array {
  const bytes = fixtureBytes('wide-groups.parquet').slice();
  const [start] = chunksByColumn(bytes).get(column)![0]!;
  bytes.fill(0xff, start, start + 12);
  return bytes;
}

describe('damaged Parquet files read by range', () => {
  it('a deferred column whose page header is damaged fails alone; the dataset stays', async () => {
    const { s, r, updates } = await open(badPageHeader('embedding'));
    expect(r.errors).toEqual([]);
    expect(r.summary!.numRows).toBe(
      Number(parquetMetadata(fixtureBytes('wide-groups.parquet').slice().buffer).num_rows),
    );
    await s.dataset.byName.deferred!.done;
    const failed = updates.flatMap((u) => u.failed);
    expect(failed.map((f) => f.name)).toEqual(['embedding']);
    expect(failed[0]!.reason).toMatch(/^the column "embedding" could not be read: .*corrupt/);
    // The whole read refuses the same bytes, naming the column's damage.
    await expect(decodeFile('x.parquet', badPageHeader('embedding'))).rejects.toThrow(
      /page header of column "embedding/,
    );
  });

  it('a first column whose page header is damaged: the file is refused, as a whole read says', async () => {
    const { r } = await open(badPageHeader('label'));
    expect(r.summary).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.fileName).toBe('preds.parquet');
    expect(r.errors[0]!.reason).toMatch(/corrupt.*"label"|"label".*corrupt/);
  });

  it('a truncated file and an absurd footer length are refused with a message naming the file', async () => {
    const bytes = fixtureBytes('wide-groups.parquet');
    const truncated = await open(bytes.slice(0, bytes.length - 100));
    expect(truncated.r.summary).toBeNull();
    expect(truncated.r.errors[0]!.fileName).toBe('preds.parquet');
    expect(truncated.r.errors[0]!.reason).toMatch(/truncated/);

    const absurd = bytes.slice();
    new DataView(absurd.buffer).setUint32(absurd.length - 8, 0x7fffffff, true);
    const big = await open(absurd);
    expect(big.r.summary).toBeNull();
    expect(big.r.errors[0]!.fileName).toBe('preds.parquet');
    expect(big.r.errors[0]!.reason).toMatch(/footer claims \d+ bytes, more than the file has/);
  });
});
