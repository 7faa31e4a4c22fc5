import { describe, expect, it } from 'vitest';
import { Session } from '../worker/session/session';
import { type FuzzBase, describeFailure, formatReport, fuzz, reasonKind } from './fuzz';
import { mulberry32, mutate } from './fuzzMutate';
import type { RoleMapping } from '../shared/roles';
import { corpusBytes, files } from './fixtures';

// `npm test` runs a bounded count; `npm run fuzz` sets FUZZ_CASES (and may set FUZZ_SEED).
const CASES = Number(process.env.FUZZ_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const MAX_MS = Number(process.env.FUZZ_MAX_MS ?? 5000);

// FUZZ_BASES=parquet,csv,mixed: only the bases whose label contains one of these words.
const ONLY = process.env.FUZZ_BASES?.split(',').filter(Boolean);

function bases(): FuzzBase[] {
  const all = allBases();
  return ONLY ? all.filter((b) => ONLY.some((w) => b.label.includes(w))) : all;
}

function allBases(): FuzzBase[] {
  const one = (name: string) => ({ label: name, files: files(name) });
  return [
    one('wide.arrow'),
    one('wide-lz4.arrow'),
    one('wide-zstd.arrow'),
    one('wide.arrows'),
    one('string-view.arrow'),
    one('dict-widths.arrow'),
    { label: 'per-version', files: files('features.arrow', 'preds_v1.arrow', 'preds_v2.arrow') },
    { label: 'long-log', files: files('long-log.arrow', 'long-labels.arrow') },
    // Written by apache-arrow's own writer (LZ4 frames with matches, ZSTD with RLE blocks).
    {
      label: 'base-lz4.arrows',
      files: [{ name: 'b.arrows', bytes: corpusBytes('base-lz4.arrows') }],
    },
    {
      label: 'base-zstd.arrows',
      files: [{ name: 'z.arrows', bytes: corpusBytes('base-zstd.arrows') }],
    },
    // Parquet (polars zstd with its Arrow schema; DuckDB snappy; DuckDB page v2 and delta
    // encodings) and CSV, alone and mixed with Arrow.
    one('wide.parquet'),
    one('wide-duckdb-snappy.parquet'),
    one('wide-v2.parquet'),
    one('wide.csv'),
    { label: 'mixed', files: files('features.parquet', 'preds_v1.arrow', 'preds_v2.arrow') },
  ];
}

describe('seeded mutation fuzzer', () => {
  it('replays: the same seed gives the same mutation', () => {
    const bytes = files('wide.arrow')[0]!.bytes;
    const a = mutate(bytes, mulberry32(42), bytes);
    const b = mutate(bytes, mulberry32(42), bytes);
    expect(a.what).toBe(b.what);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('groups reasons by their words, not their numbers', () => {
    expect(reasonKind('the file is corrupt: column "x" has 5 rows (detail)')).toBe(
      'the file is corrupt: column "…" has N rows',
    );
  });

  it(
    `${CASES} mutated files each open or fail with a reason, within ${MAX_MS} ms`,
    async () => {
      const all = bases();
      const staleRoles = new Map<string, RoleMapping>();
      const openAll = async () => {
        for (const b of all) {
          const r = await new Session().openFiles(b.files);
          expect(r.errors, b.label).toEqual([]);
          staleRoles.set(b.label, r.summary!.inferred);
        }
      };
      await openAll();
      const report = await fuzz({
        cases: CASES,
        seed: SEED,
        bases: all,
        maxMs: MAX_MS,
        staleRoles,
      });
      if (process.env.FUZZ_CASES) console.log(formatReport(report).join('\n'));
      expect(report.tried).toBe(CASES);
      expect(report.failures.map(describeFailure)).toEqual([]);
      expect(report.outcomes.get('opened')).toBeGreaterThan(0);
      // A trap inside the Parquet decoder's wasm must not leave it broken for the next file.
      await openAll();
    },
    Math.max(60_000, CASES * 200),
  );
});
