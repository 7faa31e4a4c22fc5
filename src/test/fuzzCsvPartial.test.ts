// The seeded mutation fuzzer over the CSV first-columns open (src/data/partial/csvPartial.ts): a
// mutated CSV opened that way must end as a whole parse of the same bytes does: the same
// message when that refuses it, and every column equal to the whole parse's when it opens. The
// CSVs of the corpus (e2e/data/corpus) are opened the same way and must match too.
import { describe, expect, it } from 'vitest';
import { Session } from '../worker/session/session';
import { mulberry32, mutate } from './fuzzMutate';
import { corpusBytes, corpusManifest, fixtureBytes } from './fixtures';
import type { ColumnsUpdate } from '../protocol';
import { arriving } from '../data/readArriving';
import { csvSplit } from '../data/partial/csvPart';

const CASES = Number(process.env.FUZZ_CASES ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 7);

async function both(bytes: Uint8Array, name = 'm.csv') {
  const s = new Session();
  s.partialMinBytes = 0;
  const updates: ColumnsUpdate[] = [];
  const file = new File([bytes as Uint8Array<ArrayBuffer>], name);
  const r = await s.open(
    [{ kind: 'file', file }],
    () => {},
    1,
    (u) => updates.push(u),
  );
  const full = new Session();
  const w = await full.openFiles([{ name, bytes }]);
  return { s, r, updates, full, w };
}

async function expectSame(bytes: Uint8Array, label: string, name?: string): Promise<boolean> {
  const { s, r, updates, full, w } = await both(bytes, name);
  expect(r.errors, label).toEqual(w.errors);
  expect(!!r.summary, label).toBe(!!w.summary);
  if (!r.summary || !w.summary) return false;
  const deferred = s.dataset.byName.deferred;
  await deferred?.done;
  expect(
    updates.flatMap((u) => u.failed),
    label,
  ).toEqual([]);
  expect(r.summary.inferred, label).toEqual(w.summary.inferred);
  for (const c of full.dataset.combined.columns)
    expect(s.dataset.byName.get(c.name), `${label}: ${c.name}`).toEqual(c);
  return !!deferred;
}

/**
 * Slices of 1,999 bytes and a guard of 700 (wide.csv's records are 89–360 bytes): records
 * cross slice ends; a mutation that joins records (a quote removed) makes some longer than the
 * guard, which must be detected and parsed again once read.
 */
async function smallSlices(run: () => Promise<void>): Promise<void> {
  const saved = { ...arriving };
  Object.assign(arriving, { sliceBytes: 1999, guard: 700, again: 0 });
  try {
    await run();
  } finally {
    Object.assign(arriving, saved);
  }
}

/**
 * The first pass split between the opener and a helper (on this thread) at a point that moves
 * from case to case: splits that fall inside a quoted field or
 * before a bad record must be declined, the others joined, and every case end as the whole
 * parse does.
 */
async function split(run: () => Promise<void>): Promise<void> {
  const saved = { ...csvSplit };
  Object.assign(csvSplit, { minBytes: 0, inProcess: true, joined: 0, declined: 0 });
  try {
    await run();
  } finally {
    Object.assign(csvSplit, saved);
  }
}

describe.each([
  ['read whole first', (run: () => Promise<void>) => run()],
  ['scanned while read in small slices', smallSlices],
  ['split between two scans', split],
  [
    'split between two scans, read in small slices',
    (run: () => Promise<void>) => smallSlices(() => split(run)),
  ],
])('mutation fuzzer: opening a CSV on its first columns (%s)', (_how, reading) => {
  it(
    `${CASES} mutated CSVs end as the whole parse does`,
    () =>
      reading(async () => {
        const base = fixtureBytes('wide.csv');
        const rng = mulberry32(SEED);
        let deferredCases = 0;
        for (let k = 0; k < CASES; k++) {
          const { bytes, what } = mutate(base, rng, base);
          csvSplit.at = 0.05 + ((k * 0.618) % 0.9);
          if (await expectSame(bytes, `case ${k} (${what})`)) deferredCases++;
        }
        // Split, most cases are joined (the declined ones are tested in deferredCsv.test.ts).
        if (csvSplit.inProcess) expect(csvSplit.joined).toBeGreaterThan(CASES / 4);
        // The base must reach the first-columns path at all, or this tests nothing.
        expect(deferredCases).toBeGreaterThan(CASES / 4);
        // In small slices, most cases are scanned as they arrive (a bad record within the bytes
        // read ends the partial open at once; a record crossing their end is parsed again once
        // read: the test below).
        if (arriving.sliceBytes < 2 ** 20) expect(arriving.again).toBeLessThan(CASES / 2);
      }),
    120_000,
  );

  it(
    'the corpus CSVs open as the whole parse opens them',
    () =>
      reading(async () => {
        const { cases } = corpusManifest<{ cases: { file?: string }[] }>();
        const csvs = cases.flatMap((c) => (c.file && /\.(csv|tsv)$/.test(c.file) ? [c.file] : []));
        expect(csvs.length).toBeGreaterThan(3);
        for (const [k, f] of csvs.entries()) {
          csvSplit.at = 0.05 + ((k * 0.618) % 0.9);
          await expectSame(corpusBytes(f), f, f);
        }
      }),
    120_000,
  );
});

describe('a record longer than the guard, in small slices', () => {
  it('crosses the end of the bytes read, is parsed again once read, and ends the same', () =>
    smallSlices(async () => {
      const rows = ['id,label,pred_v1,note,f_num'];
      for (let i = 0; i < 3000; i++) {
        // (one note of 5,000 bytes: far more than the 700-byte guard)
        const note = i === 1500 ? `"${'long, text '.repeat(455)}"` : `n${i % 9}x`;
        rows.push(`${i},${i % 2},${(i + (i % 5 === 0 ? 1 : 0)) % 2},${note},${i / 4}`);
      }
      const bytes = new TextEncoder().encode(rows.join('\n') + '\n');
      expect(await expectSame(bytes, 'long record')).toBe(true);
      expect(arriving.again).toBeGreaterThan(0);
    }));
});
