// Dictionary-encoded Parquet strings are read as Arrow dictionaries (parquetDictionary.ts). The
// values must be the writer's, whatever each row group's dictionary order, and a column that is
// not dictionary-encoded in every group must still be read as plain strings. The reference is
// DuckDB reading back the file it wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ColumnMetaData, FileMetaData } from 'hyparquet';
import type { Column } from '../types';
import type { ColumnsUpdate } from '../../protocol';
import { Session } from '../../worker/session/session';
import { decodeFile } from './decode';
import { readParquet } from './parquet';
import { declaredDictionaries, dictionaryStrings } from './parquetDictionary';
import { fixtureBytes } from '../../test/fixtures';
import { splitFooter } from './parquetSplit';

const dir = mkdtempSync(join(tmpdir(), 'wb-pqdict-'));
const FILE = join(dir, 'dict.parquet');
const N = 5000;
let want: { cat: (string | null)[]; uid: string[] };

beforeAll(async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  // Five row groups; `cat` takes its values in a different first-seen order in each group (so
  // each group's dictionary orders them differently) and has nulls; `uid` is unique per row.
  await c.run(
    `COPY (SELECT i AS id, (i % 3)::INTEGER AS label,
       CASE WHEN i % 11 = 4 THEN NULL
            ELSE 'c' || ((i * 7 + (i // 1000) * 3) % 13)::VARCHAR END AS cat,
       'user-' || i::VARCHAR || '-' || md5(i::VARCHAR) AS uid,
       (i % 3)::INTEGER AS pred_v1, random() AS f_num
     FROM range(${N}) t(i))
     TO '${FILE}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
  );
  const rows = (
    await c.runAndReadAll(`SELECT cat, uid FROM read_parquet('${FILE}') ORDER BY id`)
  ).getRows();
  want = {
    cat: rows.map((r) => (r[0] === null ? null : String(r[0]))),
    uid: rows.map((r) => String(r[1])),
  };
  c.closeSync();
  inst.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const values = (c: Column | undefined): (string | null)[] => {
  if (c?.kind !== 'string') throw new Error(`not a string column: ${c?.kind}`);
  return Array.from(c.codes, (k) => (k < 0 ? null : c.dictionary[k]!));
};

describe('dictionary-encoded Parquet strings', () => {
  it('are decoded as Arrow dictionaries with the values DuckDB reads back', async () => {
    const bytes = new Uint8Array(readFileSync(FILE));
    const t = await readParquet(bytes);
    expect(String(t.schema.fields.find((f) => f.name === 'cat')!.type)).toBe(
      'Dictionary<Int32, Utf8>',
    );
    const f = await decodeFile('dict.parquet', bytes);
    const col = (name: string) => f.table!.columns.find((c) => c.name === name);
    expect(values(col('cat'))).toEqual(want.cat);
    expect(values(col('uid'))).toEqual(want.uid);
  });

  it('are deferred by the partial open and equal the whole read once decoded', async () => {
    const bytes = new Uint8Array(readFileSync(FILE));
    const s = new Session();
    s.partialMinBytes = 0;
    const updates: ColumnsUpdate[] = [];
    const r = await s.open(
      [{ kind: 'file', file: new File([bytes], 'dict.parquet') }],
      () => {},
      1,
      (u) => updates.push(u),
    );
    expect(r.errors).toEqual([]);
    const loading = r.summary!.columns.filter((c) => c.loading).map((c) => c.name);
    expect(loading).toContain('cat');
    await s.dataset.byName.deferred!.done;
    expect(updates.flatMap((u) => u.failed)).toEqual([]);
    expect(values(s.dataset.byName.get('cat'))).toEqual(want.cat);
    expect(values(s.dataset.byName.get('uid'))).toEqual(want.uid);
  });
});

describe("polars' categoricals (declared dictionaries in its embedded Arrow schema)", () => {
  // polars stores them as Dictionary<UInt32, Utf8View>, which arrow-rs refuses, and lists PLAIN
  // for the dictionary page without page statistics: they were read as a string per row.
  it.each(['wide.parquet', 'wide-snappy.parquet'])(
    '%s: read as dictionaries, with the values DuckDB reads back, whole and deferred',
    async (name) => {
      const bytes = fixtureBytes(name);
      expect([...declaredDictionaries(splitFooter(bytes).arrowSchema)]).toEqual(['country']);
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const inst = await DuckDBInstance.create(':memory:');
      const c = await inst.connect();
      const rows = (
        await c.runAndReadAll(`SELECT country::VARCHAR FROM read_parquet('${path}')`)
      ).getRows();
      c.closeSync();
      inst.closeSync();
      const country = rows.map((r) => (r[0] === null ? null : String(r[0])));
      expect(new Set(country).size).toBeGreaterThan(1);

      const t = await readParquet(bytes);
      expect(String(t.schema.fields.find((f) => f.name === 'country')!.type)).toBe(
        'Dictionary<Int32, Utf8>',
      );
      const f = await decodeFile(name, bytes);
      expect(values(f.table!.columns.find((x) => x.name === 'country'))).toEqual(country);

      const s = new Session();
      s.partialMinBytes = 0;
      const updates: ColumnsUpdate[] = [];
      const r = await s.open(
        [{ kind: 'file', file: new File([bytes as Uint8Array<ArrayBuffer>], name) }],
        () => {},
        1,
        (u) => updates.push(u),
      );
      expect(r.errors).toEqual([]);
      const loading = r.summary!.columns.filter((x) => x.loading).map((x) => x.name);
      expect(loading).toContain('country');
      await s.dataset.byName.deferred!.done;
      expect(updates.flatMap((u) => u.failed)).toEqual([]);
      expect(values(s.dataset.byName.get('country'))).toEqual(country);
    },
  );
});

describe('which columns count as dictionary-encoded (dictionaryStrings)', () => {
  const chunk = (m: Partial<ColumnMetaData>): ColumnMetaData =>
    ({
      type: 'BYTE_ARRAY',
      encodings: ['PLAIN_DICTIONARY'],
      dictionary_page_offset: 4n,
      ...m,
    }) as ColumnMetaData;
  const split = { names: ['a'], leaves: [[0, 1]] } as unknown as ReturnType<typeof splitFooter>;
  const meta = (...groups: ColumnMetaData[]) =>
    ({ row_groups: groups.map((m) => ({ columns: [{ meta_data: m }] })) }) as FileMetaData;
  const dict = (...groups: ColumnMetaData[]) => dictionaryStrings(meta(...groups), split).has('a');

  it('takes chunks whose every data page is dictionary-encoded', () => {
    expect(dict(chunk({}))).toBe(true);
    expect(dict(chunk({ encodings: ['RLE_DICTIONARY', 'RLE'] }))).toBe(true);
    const stats = [
      { page_type: 'DICTIONARY_PAGE', encoding: 'PLAIN', count: 1 },
      { page_type: 'DATA_PAGE', encoding: 'RLE_DICTIONARY', count: 3 },
    ] as ColumnMetaData['encoding_stats'];
    expect(
      dict(chunk({ encodings: ['PLAIN', 'RLE', 'RLE_DICTIONARY'], encoding_stats: stats })),
    ).toBe(true);
  });

  it('refuses a fallback to plain pages, in any group, and other physical types', () => {
    const fellBack = [
      { page_type: 'DICTIONARY_PAGE', encoding: 'PLAIN', count: 1 },
      { page_type: 'DATA_PAGE', encoding: 'RLE_DICTIONARY', count: 3 },
      { page_type: 'DATA_PAGE', encoding: 'PLAIN', count: 1 },
    ] as ColumnMetaData['encoding_stats'];
    expect(dict(chunk({ encoding_stats: fellBack }))).toBe(false);
    // Without page statistics, a listed PLAIN may be a fallback page: not taken.
    expect(dict(chunk({ encodings: ['PLAIN', 'RLE', 'RLE_DICTIONARY'] }))).toBe(false);
    expect(dict(chunk({}), chunk({ encodings: ['PLAIN'] }))).toBe(false);
    expect(dict(chunk({ dictionary_page_offset: undefined }))).toBe(false);
    expect(dict(chunk({ type: 'INT32' }))).toBe(false);
    expect(dict()).toBe(false);
  });

  it('takes a column the writer declared a dictionary when every group has a dictionary page', () => {
    const declared = (...groups: ColumnMetaData[]) =>
      dictionaryStrings(meta(...groups), split, new Set(['a'])).has('a');
    const plainListed = chunk({ encodings: ['PLAIN', 'RLE', 'RLE_DICTIONARY'] });
    expect(declared(plainListed, plainListed)).toBe(true);
    expect(declared(plainListed, chunk({ dictionary_page_offset: undefined }))).toBe(false);
    expect(declared(chunk({ type: 'INT32' }))).toBe(false);
  });
});
