// A Parquet file opened on its first columns (parquetPartial.ts): the columns decoded in the
// background must equal a whole decode of the same file, value for value, and the summary the
// page gets first must be the whole read's (placeholders aside). Files from real writers: polars
// (zstd, snappy; nulls, int64 ids above 2^53, a list embedding with a null row) and DuckDB
// (several row groups, data page v2, other codecs).
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../test/fixtures';
import type { ColumnInfo } from '../../data/types';
import type { ColumnsUpdate } from '../../protocol';
import { checkParquetFooter } from '../../data/formats/parquetFooter';
import { Session } from './session';

/**
 * polars write_parquet (zstd) of a wide 700-row file with nulls in the features and the
 * embedding and int64 ids above 2^53 (scripts/make-deferred-fixture.mjs; committed, since
 * nodejs-polars' binary needs Node 22).
 */
const polarsFile = () => fixtureBytes('deferred-polars.parquet');

const FILES: [string, () => Uint8Array][] = [
  ['polars, nulls, int64 ids, list embedding', () => polarsFile()],
  ['polars zstd (e2e/data/wide.parquet)', () => fixtureBytes('wide.parquet')],
  ['polars snappy (e2e/data/wide-snappy.parquet)', () => fixtureBytes('wide-snappy.parquet')],
  [
    'DuckDB, 4 row groups (e2e/data/wide-groups.parquet)',
    () => fixtureBytes('wide-groups.parquet'),
  ],
  ['DuckDB page v2 (e2e/data/wide-v2.parquet)', () => fixtureBytes('wide-v2.parquet')],
  [
    'DuckDB gzip (e2e/data/wide-duckdb-gzip.parquet)',
    () => fixtureBytes('wide-duckdb-gzip.parquet'),
  ],
];

async function openPartially(bytes: Uint8Array, session = new Session()) {
  session.partialMinBytes = 0;
  const updates: ColumnsUpdate[] = [];
  const r = await session.open(
    [{ kind: 'file', file: new File([bytes as Uint8Array<ArrayBuffer>], 'x.parquet') }],
    () => {},
    1,
    (u) => updates.push(u),
  );
  return { s: session, r, updates };
}

async function wholeRead(bytes: Uint8Array) {
  const s = new Session();
  const r = await s.openFiles([{ name: 'x.parquet', bytes }]);
  return { s, r };
}

describe('opening a Parquet file on its first columns', () => {
  it.each(FILES)('%s: deferred columns, once decoded, equal a whole read', async (_, make) => {
    const bytes = make();
    const { s, r, updates } = await openPartially(bytes);
    const full = await wholeRead(bytes);
    expect(r.errors).toEqual([]);
    const loading = r.summary!.columns.filter((c) => c.loading).map((c) => c.name);
    expect(loading).toContain('embedding');
    for (const eager of ['id', 'label', 'pred_v1']) expect(loading).not.toContain(eager);
    expect(r.summary!.fingerprint).toBe(full.r.summary!.fingerprint);
    expect(r.summary!.inferred).toEqual(full.r.summary!.inferred);
    expect(r.summary!.columns.map((c) => c.name)).toEqual(
      full.r.summary!.columns.map((c) => c.name),
    );

    await s.dataset.byName.deferred!.done;
    const want = full.s.dataset.combined.columns;
    expect(s.dataset.combined.columns.map((c) => c.name)).toEqual(want.map((c) => c.name));
    for (const c of want) expect(s.dataset.byName.get(c.name)).toEqual(c);

    const loaded = new Map<string, ColumnInfo>(
      updates.flatMap((u) => u.loaded).map((c) => [c.name, c]),
    );
    expect(updates.flatMap((u) => u.failed)).toEqual([]);
    expect(updates.at(-1)!.pending).toEqual([]);
    expect(updates.at(-1)!.bytesRead).toBe(updates.at(-1)!.totalBytes);
    const merged = r.summary!.columns.map((c) => loaded.get(c.name) ?? c);
    expect(merged).toEqual(full.r.summary!.columns);
  });

  it('reads the values polars wrote (nulls, int64 ids, a null embedding row)', async () => {
    const n = 700;
    const { s } = await openPartially(polarsFile());
    await s.dataset.byName.deferred!.done;
    const col = (name: string) => s.dataset.byName.get(name)!;
    const num = col('f_num');
    const emb = col('embedding');
    if (num.kind !== 'numeric' || emb.kind !== 'vector') throw new Error('kinds');
    expect(emb.dim).toBe(4);
    const id = s.dataset.byName.get('id')!;
    const int64 = (id as { int64?: BigInt64Array }).int64;
    expect(int64 && Array.from(int64.subarray(0, 2), String)).toEqual([
      '9007199254740993',
      '9007199254740994',
    ]);
    for (let i = 0; i < n; i++) {
      expect(num.values[i]).toBe(i % 5 === 3 ? NaN : ((i * 13) % 97) - 20.5);
      const got = Array.from(emb.values.subarray(i * 4, i * 4 + 4));
      if (i % 50 === 3) expect(got.every((x) => Number.isNaN(x))).toBe(true);
      else expect(got).toEqual([i / n, -i / n, (i % 5) / 5, 0.25].map(Math.fround));
    }
  });
});

describe('a Parquet file that is opened on its first columns and is damaged', () => {
  /** wide-duckdb-gzip.parquet (CRC-checked pages) with bytes in the middle of one column's page overwritten. */
  function damaged(column: string): Uint8Array {
    const bytes = fixtureBytes('wide-duckdb-gzip.parquet').slice();
    const meta = checkParquetFooter(bytes);
    const chunk = meta.row_groups[0]!.columns.find((c) =>
      c.meta_data!.path_in_schema.includes(column),
    )!.meta_data!;
    const start = Number(chunk.data_page_offset);
    const mid = start + Math.floor(Number(chunk.total_compressed_size) / 2);
    bytes.fill(0xff, mid, mid + 48);
    return bytes;
  }

  it('a column whose pages are bad fails alone, with its reason; the rest are read', async () => {
    const { s, r, updates } = await openPartially(damaged('embedding'));
    expect(r.errors).toEqual([]);
    const deferred = s.dataset.byName.deferred!;
    await deferred.done;
    const failed = updates.flatMap((u) => u.failed);
    expect(failed.map((f) => f.name)).toEqual(['embedding']);
    expect(failed[0]!.reason).toMatch(/^the column "embedding" could not be read: .*corrupt/);
    await expect(deferred.wait('embedding')).rejects.toThrow(/could not be read/);
    // A feature of the same file is read and right.
    const full = await wholeRead(fixtureBytes('wide-duckdb-gzip.parquet'));
    const feature = full.r.summary!.columns.find(
      (c) => c.loading === undefined && !/id|label|pred|prob|score|embedding/.test(c.name),
    )!;
    expect(s.dataset.byName.get(feature.name)).toEqual(full.s.dataset.byName.get(feature.name));
  });

  it('a file whose first columns are bad says what the whole read says', async () => {
    const bytes = damaged('label');
    const { r } = await openPartially(bytes);
    const full = await wholeRead(bytes);
    expect(full.r.errors.length).toBe(1);
    expect(r.summary).toBeNull();
    expect(r.errors).toEqual(full.r.errors);
  });
});

describe('a Parquet file whose columns are still being decoded when another file is opened', () => {
  it('fails the columns left, saying why; the new file is the dataset', async () => {
    const { s } = await openPartially(fixtureBytes('wide-groups.parquet'));
    const deferred = s.dataset.byName.deferred!;
    const next = await s.openFiles([{ name: 'wide.arrow', bytes: fixtureBytes('wide.arrow') }]);
    expect(next.errors).toEqual([]);
    await deferred.done;
    await expect(deferred.wait('embedding')).rejects.toThrow(/another file was opened/);
    expect(s.dataset.byName.deferred).toBeNull();
  });
});
