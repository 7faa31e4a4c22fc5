// Opening an Arrow file from its footer (plan A): the columns read in the background must equal
// a full read of the same file, value for value; requests for them wait; a broken one fails
// with a reason. Files from two writers: arrow-js (several record batches, nulls, a shared
// dictionary, int64 ids above 2^53, vectors with a null row) and nodejs-polars (e2e/data).
import {
  Bool,
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../test/fixtures';
import type { ColumnInfo } from '../../data/types';
import type { CohortDef, ColumnsUpdate } from '../../protocol';
import { gateAll, gated } from '../gate';
import { holdColumns } from './deferred';
import { Session } from './session';

const N = 1000;

/** A wide file written by arrow-js in three record batches (one dictionary shared by all). */
function arrowJsFile(N = 1000): Uint8Array {
  const rand = (i: number) => ((i * 2654435761) % 1000) / 1000;
  const nth = <T>(k: number, f: (i: number) => T) =>
    Array.from({ length: N }, (_, i) => (i % k === 3 ? null : f(i)));
  const vec = (dim: number) => new FixedSizeList(dim, new Field('item', new Float32(), true));
  const whole = new Table({
    id: vectorFromArray(
      Array.from({ length: N }, (_, i) => 2n ** 53n + 1n + BigInt(i)),
      new Int64(),
    ),
    label: vectorFromArray(Int32Array.from({ length: N }, (_, i) => i % 3)),
    pred_v1: vectorFromArray(Int32Array.from({ length: N }, (_, i) => (i % 7 === 0 ? 1 : i % 3))),
    probs_v1: vectorFromArray(
      Array.from({ length: N }, (_, i) =>
        [0.2, 0.3, 0.5].map((p, k) => (k === i % 3 ? 0.6 : p / 2)),
      ),
      vec(3),
    ),
    f_num: vectorFromArray(
      nth(5, (i) => rand(i) * 100 - 20),
      new Float64(),
    ),
    f_f32: vectorFromArray(Float32Array.from({ length: N }, (_, i) => rand(i + 7))),
    f_cnt: vectorFromArray(
      nth(9, (i) => i % 17),
      new Int32(),
    ),
    f_cat: vectorFromArray(
      nth(11, (i) => ['red', 'green', 'blue', 'ünïcode'][i % 4]!),
      new Dictionary(new Utf8(), new Int32()),
    ),
    f_flag: vectorFromArray(
      nth(13, (i) => i % 2 === 0),
      new Bool(),
    ),
    f_time: vectorFromArray(
      Array.from({ length: N }, (_, i) => 1.7e12 + i * 60_000),
      new TimestampMillisecond(),
    ),
    embedding: vectorFromArray(
      nth(50, (i) => [rand(i), rand(i + 1), -rand(i + 2), i / N]),
      vec(4),
    ),
  });
  const [a, b] = [Math.round(N * 0.3), Math.round(N * 0.7)];
  const batches = whole.batches.flatMap((x) => [x.slice(0, a), x.slice(a, b), x.slice(b)]);
  return tableToIPC(new Table(batches), 'file');
}

const FILES: [string, () => Uint8Array][] = [
  ['arrow-js, 3 batches', arrowJsFile],
  ['nodejs-polars (e2e/data/wide.arrow)', () => fixtureBytes('wide.arrow')],
];

async function openPartially(bytes: Uint8Array, name = 'x.arrow', session = new Session()) {
  session.partialMinBytes = 0;
  const updates: ColumnsUpdate[] = [];
  const r = await session.open(
    [{ kind: 'file', file: new File([bytes as Uint8Array<ArrayBuffer>], name) }],
    () => {},
    1,
    (u) => updates.push(u),
  );
  return { s: session, r, updates };
}

function fullRead(bytes: Uint8Array, name = 'x.arrow') {
  const s = new Session();
  const r = s.openBytes([{ name, bytes }]);
  return { s, r };
}

describe('opening an Arrow file from its footer', () => {
  it.each(FILES)('%s: deferred columns, once read, equal a full read', async (_, make) => {
    const bytes = make();
    const { s, r, updates } = await openPartially(bytes);
    const full = fullRead(bytes);
    expect(r.errors).toEqual([]);
    const loading = r.summary!.columns.filter((c) => c.loading).map((c) => c.name);
    // Features and the embedding wait; the id, label and version outputs do not.
    expect(loading).toContain('embedding');
    expect(loading).not.toContain('id');
    expect(loading).not.toContain('label');
    expect(loading).not.toContain('pred_v1');
    // Same dataset as far as the page can tell: same fingerprint, roles, column order.
    expect(r.summary!.fingerprint).toBe(full.r.summary!.fingerprint);
    expect(r.summary!.inferred).toEqual(full.r.summary!.inferred);
    expect(r.summary!.columns.map((c) => c.name)).toEqual(
      full.r.summary!.columns.map((c) => c.name),
    );

    await s.dataset.byName.deferred!.done;
    const want = full.s.dataset.combined.columns;
    expect(s.dataset.combined.columns.map((c) => c.name)).toEqual(want.map((c) => c.name));
    for (const c of want) expect(s.dataset.byName.get(c.name)).toEqual(c);

    // The placeholders, replaced by what the updates carry, are the full read's summaries.
    const loaded = new Map<string, ColumnInfo>(
      updates.flatMap((u) => u.loaded).map((c) => [c.name, c]),
    );
    expect(updates.flatMap((u) => u.failed)).toEqual([]);
    expect(updates.at(-1)!.pending).toEqual([]);
    const merged = r.summary!.columns.map((c) => loaded.get(c.name) ?? c);
    expect(merged).toEqual(full.r.summary!.columns);
  });

  it("reads only the first view's columns before the dataset opens", async () => {
    const bytes = arrowJsFile(30_000);
    const file = new File([bytes as Uint8Array<ArrayBuffer>], 'x.arrow');
    const reads: [number, number][] = [];
    let atOpen = -1;
    const recording = {
      size: file.size,
      name: file.name,
      slice: (a: number, b: number) => (reads.push([a, b]), file.slice(a, b)),
    } as unknown as File;
    const s = new Session();
    s.partialMinBytes = 0;
    const r = await s.open(
      [{ kind: 'file', file: recording }],
      () => {},
      1,
      () => {
        if (atOpen < 0) atOpen = reads.length;
      },
    );
    const atReturn = reads.length;
    expect(r.summary!.numRows).toBe(30_000);
    const early = reads.slice(0, atOpen >= 0 ? Math.min(atOpen, atReturn) : atReturn);
    const t = tableFromIPC(bytes);
    const readEarly = (name: string) =>
      t.batches.every((batch) => {
        const d = batch.data.children[t.schema.fields.findIndex((f) => f.name === name)]!;
        const arr = (d.children[0] ?? d).values as Float32Array;
        const at = arr.byteOffset - bytes.byteOffset;
        return early.some(([a, b]) => a <= at && at + arr.byteLength <= b);
      });
    expect(readEarly('pred_v1')).toBe(true);
    expect(readEarly('probs_v1')).toBe(true);
    expect(readEarly('embedding')).toBe(false);
    expect(readEarly('f_num')).toBe(false);
    const early0 = early.reduce((n, [a, b]) => n + b - a, 0);
    expect(early0).toBeLessThan(bytes.length / 2);
    await s.dataset.byName.deferred!.done;
    const full = fullRead(bytes);
    for (const c of full.s.dataset.combined.columns)
      expect(s.dataset.byName.get(c.name)).toEqual(c);
  });

  it('reads the deferred values that arrow-js reads, row by row (nulls, dictionary, int64)', async () => {
    const bytes = arrowJsFile();
    const { s } = await openPartially(bytes);
    await s.dataset.byName.deferred!.done;
    const t = tableFromIPC(bytes);
    const col = (name: string) => s.dataset.byName.get(name)!;
    const num = col('f_num');
    const cat = col('f_cat');
    const emb = col('embedding');
    if (num.kind !== 'numeric' || cat.kind !== 'string' || emb.kind !== 'vector') throw new Error();
    for (let i = 0; i < N; i++) {
      const v = t.getChild('f_num')!.get(i) as number | null;
      expect(num.values[i]).toBe(v ?? NaN);
      const c = t.getChild('f_cat')!.get(i) as string | null;
      expect(cat.codes[i]! < 0 ? null : cat.dictionary[cat.codes[i]!]).toBe(c);
      const e = t.getChild('embedding')!.get(i) as { toArray(): Float32Array } | null;
      const got = Array.from(emb.values.subarray(i * 4, i * 4 + 4));
      if (e) expect(got).toEqual(Array.from(e.toArray()));
      else expect(got.every((x) => Number.isNaN(x))).toBe(true);
    }
    const id = col('id');
    if (id.kind !== 'numeric') throw new Error();
    expect(String(id.int64![N - 1])).toBe(String(2n ** 53n + BigInt(N)));
  });

  it('a request for a column still being read waits for it and gets the full answer', async () => {
    const bytes = arrowJsFile();
    const { s } = await openPartially(bytes);
    const full = fullRead(bytes);
    const deferred = s.dataset.byName.deferred!;
    expect(deferred.pending('f_cat')).toBe(true);
    expect(deferred.pending('embedding')).toBe(true);
    const field = { type: 'column', name: 'f_num' } as const;
    const profile = gated(s, () => s.profile(field));
    const cohort: CohortDef = {
      id: 'c',
      name: 'c',
      predicate: { op: 'in', column: 'f_cat', values: ['red'] },
    };
    s.analyse(full.r.summary!.inferred);
    full.s.analyse(full.r.summary!.inferred);
    const stats = gated(s, () => s.cohorts([cohort]));
    expect(await profile).toEqual(full.s.profile(field));
    const got = await stats;
    expect(got[0]!.error).toBeNull();
    expect(got).toEqual(full.s.cohorts([cohort]));
    // red: every 4th row from 0, except the null rows (i % 11 === 3).
    let red = 0;
    for (let i = 0; i < N; i++) if (i % 4 === 0 && i % 11 !== 3) red++;
    expect(got[0]!.size).toBe(red);
  });

  it('requests over every column wait for all of them, the slice finder for all but vectors', async () => {
    holdColumns(true);
    const { s } = await openPartially(arrowJsFile());
    const pendingNow = () => {
      const d = s.dataset.byName.deferred!;
      return s.dataset.byName.order.filter((n) => d.pending(n));
    };
    const api = gateAll(
      s,
      { features: () => pendingNow(), all: () => pendingNow(), one: () => pendingNow() },
      new Map([
        ['features', 'features'],
        ['all', 'all'],
      ]),
    );
    const seen = { features: api.features(), all: api.all(), one: api.one() };
    // Nothing read yet: a request that reaches no deferred column answers at once.
    expect(await seen.one).toEqual([
      'f_num',
      'f_f32',
      'f_cnt',
      'f_cat',
      'f_flag',
      'f_time',
      'embedding',
    ]);
    holdColumns(false);
    const whenFeatures = await seen.features;
    expect(whenFeatures.filter((n) => n !== 'embedding')).toEqual([]);
    expect(await seen.all).toEqual([]);
  });

  it('a request naming a cohort on a column still being read waits for it first', async () => {
    holdColumns(true);
    const { s } = await openPartially(arrowJsFile());
    const cohort: CohortDef = {
      id: 'c',
      name: 'c',
      predicate: { op: 'not', child: { op: 'isNull', column: 'f_cnt' } },
    };
    // A service that reports a cohort's error instead of throwing (as Compare does) would
    // answer "still being read" if the gate did not wait for the predicate's columns first.
    const api = gateAll(
      s,
      {
        sizes: (defs: CohortDef[]) =>
          defs.map((d) => {
            try {
              return s.dataset.maskOf(d.predicate)!.reduce((a, x) => a + x, 0);
            } catch (err) {
              return (err as Error).message;
            }
          }),
      },
      new Map(),
    );
    const answer = api.sizes([cohort]);
    holdColumns(false);
    // f_cnt is null where i % 9 === 3.
    let set = 0;
    for (let i = 0; i < N; i++) if (i % 9 !== 3) set++;
    expect(await answer).toEqual([set]);
  });

  it('a deferred column that cannot be read ends its requests with the reason', async () => {
    const bytes = arrowJsFile();
    // Point one dictionary index of f_cat far past its dictionary.
    const t = tableFromIPC(bytes);
    const idx = t.batches[1]!.data.children[t.schema.fields.findIndex((f) => f.name === 'f_cat')]!
      .values as Int32Array;
    new DataView(bytes.buffer, bytes.byteOffset).setInt32(
      idx.byteOffset - bytes.byteOffset + 8,
      1e6,
      true,
    );
    const { s, r, updates } = await openPartially(bytes);
    expect(r.errors).toEqual([]);
    const field = { type: 'column', name: 'f_cat' } as const;
    await expect(gated(s, () => s.profile(field))).rejects.toThrow(
      /the column "f_cat" could not be read: .*corrupt/,
    );
    await s.dataset.byName.deferred!.done;
    expect(updates.flatMap((u) => u.failed.map((f) => f.name))).toEqual(['f_cat']);
    // The others are read all the same.
    expect(s.dataset.byName.get('embedding')!.kind).toBe('vector');
    expect(updates.at(-1)!.pending).toEqual([]);
  });

  it('a file that cannot be read further fails the columns still waiting, not hangs', async () => {
    const bytes = arrowJsFile();
    const file = new File([bytes as Uint8Array<ArrayBuffer>], 'x.arrow');
    let calls = 0;
    // The first reads (footer, metadata, first columns) succeed; the background ones fail.
    const flaky = {
      size: file.size,
      name: file.name,
      slice: (a: number, b: number) =>
        ++calls > 4
          ? { arrayBuffer: () => Promise.reject(new Error('NotReadableError')) }
          : file.slice(a, b),
    } as unknown as File;
    const s = new Session();
    s.partialMinBytes = 0;
    const r = await s.open([{ kind: 'file', file: flaky }], () => {}, 1);
    expect(r.summary).not.toBeNull();
    await expect(gated(s, () => s.profile({ type: 'column', name: 'embedding' }))).rejects.toThrow(
      /the column "embedding" could not be read: reading the file failed/,
    );
  });

  it('opening another file fails the requests waiting on the one before, saying so', async () => {
    const bytes = arrowJsFile();
    const { s } = await openPartially(bytes);
    const waiting = gated(s, () => s.profile({ type: 'column', name: 'embedding' }));
    s.openBytes([{ name: 'nan-scores.arrow', bytes: fixtureBytes('nan-scores.arrow') }]);
    await expect(waiting).rejects.toThrow(/another file was opened/);
  });

  it('reads small, streamed and compressed files whole', async () => {
    for (const name of ['wide.arrows', 'wide-lz4.arrow']) {
      const { s, r } = await openPartially(fixtureBytes(name), name);
      expect(r.summary!.columns.some((c) => c.loading)).toBe(false);
      expect(s.dataset.byName.deferred).toBeNull();
    }
    const s = new Session();
    const r = await s.open(
      [{ kind: 'file', file: new File([arrowJsFile() as Uint8Array<ArrayBuffer>], 'x.arrow') }],
      () => {},
    );
    expect(r.summary!.columns.some((c) => c.loading)).toBe(false);
  });
});
