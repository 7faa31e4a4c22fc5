// A CSV file opened on its first columns (csvPartial.ts): the columns parsed in the background
// must equal a whole parse of the same file (readCsv), value for value, and the summary the page
// gets first must be the whole read's (placeholders aside). One file is written by DuckDB and its
// values checked against DuckDB's own; the others are written here to reach the corners (types
// that change after the sampled rows, line breaks in quotes, blank lines, CRLF, bad records).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../../data/types';
import type { ColumnsUpdate } from '../../protocol';
import { Session } from './session';
import { csvSplit } from '../../data/partial/csvPart';

async function openPartially(bytes: Uint8Array) {
  const s = new Session();
  s.partialMinBytes = 0;
  const updates: ColumnsUpdate[] = [];
  const r = await s.open(
    [{ kind: 'file', file: new File([bytes as Uint8Array<ArrayBuffer>], 'x.csv') }],
    () => {},
    1,
    (u) => updates.push(u),
  );
  return { s, r, updates };
}

async function wholeRead(bytes: Uint8Array) {
  const s = new Session();
  const r = await s.openFiles([{ name: 'x.csv', bytes }]);
  return { s, r };
}

/** Opens both ways; every column, the summary and the progress must agree. */
async function sameAsWhole(bytes: Uint8Array) {
  const { s, r, updates } = await openPartially(bytes);
  const full = await wholeRead(bytes);
  expect(r.errors).toEqual([]);
  expect(full.r.errors).toEqual([]);
  expect(r.summary!.inferred).toEqual(full.r.summary!.inferred);
  expect(r.summary!.numRows).toBe(full.r.summary!.numRows);
  expect(r.summary!.columns.map((c) => c.name)).toEqual(full.r.summary!.columns.map((c) => c.name));
  await s.dataset.byName.deferred!.done;
  const want = full.s.dataset.combined.columns;
  expect(s.dataset.combined.columns.map((c) => c.name)).toEqual(want.map((c) => c.name));
  for (const c of want) expect(s.dataset.byName.get(c.name), c.name).toEqual(c);
  const loaded = new Map<string, ColumnInfo>(
    updates.flatMap((u) => u.loaded).map((c) => [c.name, c]),
  );
  expect(updates.flatMap((u) => u.failed)).toEqual([]);
  expect(updates.at(-1)!.pending).toEqual([]);
  expect(updates.at(-1)!.bytesRead).toBe(updates.at(-1)!.totalBytes);
  const merged = r.summary!.columns.map((c) => loaded.get(c.name) ?? c);
  expect(merged).toEqual(full.r.summary!.columns);
  return { s, r, full };
}

const N = 3000; // more rows than the sample that types the placeholders
const DIR = mkdtempSync(join(tmpdir(), 'csv-deferred-'));
const DUCK = join(DIR, 'duck.csv');
let reference: { f_num: (number | null)[]; embedding: number[][] };

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const select =
    `SELECT i AS id, (i % 3)::INTEGER AS label, ((i + (i % 5 = 0)::INTEGER) % 3)::INTEGER AS pred_v1, ` +
    `to_json(list_transform(range(3), j -> (((i * 3 + j) % 7) / 7.0)::FLOAT)) AS probs_v1, ` +
    `CASE WHEN i % 11 = 4 THEN NULL ELSE i * 0.25 - 3 END AS f_num, (i % 5 = 0) AS f_flag, ` +
    `['a', 'b,c', 'd"e', 'line' || chr(10) || 'break'][i % 4 + 1] AS f_cat, ` +
    `DATE '2024-01-01' + (i % 30)::INTEGER AS f_day, ` +
    `to_json(list_transform(range(4), j -> sin(i * 4 + j)::FLOAT)) AS embedding ` +
    `FROM range(${N}) t(i)`;
  await c.run(`COPY (${select}) TO '${DUCK}' (HEADER)`);
  // The reference: the same values from DuckDB itself, never through a CSV.
  const rows = (
    await c.runAndReadAll(
      `SELECT CASE WHEN i % 11 = 4 THEN NULL ELSE i * 0.25 - 3 END AS f_num, ` +
        `list_transform(range(4), j -> sin(i * 4 + j)::FLOAT) AS e FROM range(${N}) t(i) ORDER BY i`,
    )
  ).getRowObjectsJson() as { f_num: string | number | null; e: (number | string)[] }[];
  reference = {
    f_num: rows.map((r) => (r.f_num === null ? null : Number(r.f_num))),
    embedding: rows.map((r) => r.e.map(Number)),
  };
  c.closeSync();
  db.closeSync();
});

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('opening a CSV on its first columns', () => {
  it('a DuckDB CSV: the deferred columns equal a whole parse and DuckDB’s values', async () => {
    const bytes = new Uint8Array(readFileSync(DUCK));
    const { s, r } = await sameAsWhole(bytes);
    const loading = r.summary!.columns.filter((c) => c.loading).map((c) => c.name);
    expect(loading).toEqual(['f_num', 'f_flag', 'f_day', 'embedding']);
    const num = s.dataset.byName.get('f_num')!;
    const e = s.dataset.byName.get('embedding')!;
    if (num.kind !== 'numeric' || e.kind !== 'vector') throw new Error('kinds');
    expect(e.dim).toBe(4);
    for (let i = 0; i < N; i++) {
      expect(num.values[i]).toBe(reference.f_num[i] ?? NaN);
      expect(Array.from(e.values.subarray(i * 4, i * 4 + 4))).toEqual(reference.embedding[i]);
    }
  });

  it('types that change after the sampled rows, quotes, blank lines, CRLF, a BOM', async () => {
    const lines = ['id,label,pred_v1,probs_v1,f_late,f_big,f_q,note,emb'];
    for (let i = 0; i < N; i++) {
      const late = i === 2500 ? 'abc' : String(i / 8); // a number column that is text after all
      const big = i === 2600 ? '9007199254740993' : String(i); // int64 past the sample
      const pred = i === 2700 ? 'x' : String(i % 2); // a first-view column that turns to text
      const probs = i === 10 ? '"[1e-3, 0.999]"' : `"[${(i % 4) / 4}, ${1 - (i % 4) / 4}]"`;
      const emb = i === 2800 ? '"[1, 2, 3]"' : `"[${i}, -${i}.5]"`; // one row of another length
      const note = i % 97 === 0 ? '"two\r\nlines, ""quoted"""' : `n${i % 7}`;
      lines.push(`${i},${i % 2},${pred},${probs},${late},${big},"${i}.5",${note},${emb}`);
      if (i % 500 === 0) lines.push('');
    }
    const text = '\ufeff' + lines.join('\r\n') + '\r\n';
    const { s, r } = await sameAsWhole(new TextEncoder().encode(text));
    expect(r.summary!.numRows).toBe(N);
    const loading = r.summary!.columns.filter((c) => c.loading).map((c) => c.name);
    expect(loading).toEqual(['f_late', 'f_big', 'f_q', 'emb']);
    expect(s.dataset.byName.get('f_late')!.kind).toBe('string');
    expect(s.dataset.byName.get('pred_v1')!.kind).toBe('string');
    expect(s.dataset.byName.get('emb')!.kind).toBe('string');
    const big = s.dataset.byName.get('f_big') as { int64?: BigInt64Array };
    expect(big.int64?.[2600]).toBe(9007199254740993n);
  });

  it('a ragged row or an open quote after the sample: the whole read’s message', async () => {
    const head = 'id,label,pred_v1,f_num';
    const rows = Array.from({ length: N }, (_, i) => `${i},${i % 2},${i % 2},${i}.25`);
    const ragged = [head, ...rows.slice(0, 2900), '1,2,3,4,5', ...rows.slice(2900)].join('\n');
    const open = [head, ...rows, '1,0,1,"4.5'].join('\n');
    for (const text of [ragged, open]) {
      const bytes = new TextEncoder().encode(text);
      const { r } = await openPartially(bytes);
      const full = await wholeRead(bytes);
      expect(full.r.errors.length).toBe(1);
      expect(full.r.errors[0]!.reason).toMatch(/row 2901 of the CSV has 5 fields|never closed/);
      expect(r.errors).toEqual(full.r.errors);
      expect(r.summary).toBeNull();
    }
  });
});

describe('the first pass split between the opener and a helper (csvPart.ts)', () => {
  const saved = { ...csvSplit };
  beforeAll(() => Object.assign(csvSplit, { minBytes: 0, inProcess: true }));
  afterAll(() => Object.assign(csvSplit, saved));

  it('at any point: joined at a record start, declined inside a quoted line break, equal either way', async () => {
    // DuckDB's file: every fourth f_cat is "line\nbreak" in quotes, so some splits fall inside.
    const bytes = new Uint8Array(readFileSync(DUCK));
    Object.assign(csvSplit, { joined: 0, declined: 0 });
    for (let k = 1; k < 24; k++) {
      csvSplit.at = k / 24;
      await sameAsWhole(bytes);
    }
    expect(csvSplit.joined).toBeGreaterThan(0);
    expect(csvSplit.declined).toBeGreaterThan(0);
    expect(csvSplit.joined + csvSplit.declined).toBe(23);
  });

  it('types that change in the second half, a string dictionary across both halves', async () => {
    const lines = ['id,label,pred_v1,probs_v1,cat,f_late,emb'];
    for (let i = 0; i < N; i++) {
      // pred_v1 turns to text, and emb to lists of another length, only past the split.
      const pred = i === 2900 ? 'x' : String(i % 2);
      const emb = i === 2950 ? '"[1, 2, 3]"' : `"[${i}, -${i}.5]"`;
      // Texts first seen in either half, some in both, in quotes and not.
      const cat = i % 3 === 0 ? `c${i % 7}` : i < N / 2 ? `"a, ${i % 5}"` : `"b ""${i % 11}"""`;
      const probs = `"[${(i % 4) / 4}, ${1 - (i % 4) / 4}]"`;
      lines.push(`${i},${i % 2},${pred},${probs},${cat},${i / 8},${emb}`);
    }
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    Object.assign(csvSplit, { joined: 0, declined: 0, at: 0.5 });
    const { s } = await sameAsWhole(bytes);
    expect(csvSplit.joined).toBe(1);
    expect(s.dataset.byName.get('pred_v1')!.kind).toBe('string');
    expect(s.dataset.byName.get('emb')!.kind).toBe('string');
  });

  it('a ragged row or an open quote in the second half: declined, the whole read’s message', async () => {
    const head = 'id,label,pred_v1,f_num';
    const rows = Array.from({ length: N }, (_, i) => `${i},${i % 2},${i % 2},${i}.25`);
    const ragged = [head, ...rows.slice(0, 2900), '1,2,3,4,5', ...rows.slice(2900)].join('\n');
    const open = [head, ...rows, '1,0,1,"4.5'].join('\n');
    Object.assign(csvSplit, { joined: 0, declined: 0, at: 0.5 });
    for (const text of [ragged, open]) {
      const bytes = new TextEncoder().encode(text);
      const { r } = await openPartially(bytes);
      const full = await wholeRead(bytes);
      expect(full.r.errors.length).toBe(1);
      expect(r.errors).toEqual(full.r.errors);
      expect(r.summary).toBeNull();
    }
    expect(csvSplit.declined).toBe(2);
  });
});
