import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { corpusBytes, corpusManifest } from '../../test/fixtures';
import type { Analysis, OpenResult } from '../../protocol';

type Expected = number | string | null;

interface Case {
  file?: string;
  files?: string[];
  expect: 'error' | 'open';
  reason?: string;
  rows?: number;
  columns?: number;
  columnNames?: string[];
  classes?: number;
  metrics?: Record<string, Record<string, Expected>>;
  warnings?: string;
  skipped?: string[];
  errors?: Record<string, string>;
  report?: {
    duplicateIds?: number;
    nullIds?: number;
    files?: Record<string, Record<string, number>>;
  };
  note: string;
}

const { cases } = corpusManifest<{ cases: Case[] }>();
const MAX_MS = 5000;

/** null and "NaN" mean "not a number the user could mistake for a result": null or NaN. */
function expectMetric(actual: number | null | undefined, expected: Expected, what: string) {
  if (expected === null || expected === 'NaN') {
    expect(actual === null || Number.isNaN(actual), `${what}: ${actual}`).toBe(true);
  } else if (expected === 'Infinity' || expected === '-Infinity') {
    expect(actual, what).toBe(Number(expected));
  } else {
    expect(actual, what).toBeCloseTo(Number(expected), 9);
  }
}

function checkOpen(c: Case, r: OpenResult, a: Analysis) {
  const sum = r.summary!;
  expect(sum.numRows).toBe(c.rows);
  if (c.errors) {
    for (const [file, reason] of Object.entries(c.errors)) {
      const e = r.errors.find((x) => x.fileName === file);
      expect(e?.reason, file).toMatch(new RegExp(reason, 'i'));
    }
  } else {
    expect(r.errors).toEqual([]);
  }
  if (c.columns !== undefined) expect(sum.columns).toHaveLength(c.columns);
  if (c.columnNames) expect(sum.columns.map((x) => x.name)).toEqual(c.columnNames);
  if (c.classes !== undefined) expect(a.classes).toHaveLength(c.classes);
  if (c.skipped) expect(sum.skipped.map((s) => s.name).sort()).toEqual([...c.skipped].sort());
  for (const [version, metrics] of Object.entries(c.metrics ?? {})) {
    const m = a.metrics.find((x) => x.version === version);
    expect(m, `version ${version}`).toBeDefined();
    for (const [k, v] of Object.entries(metrics)) {
      expectMetric(m![k as keyof typeof m] as number | null, v, `${version}.${k}`);
    }
  }
  if (c.warnings) {
    const re = new RegExp(c.warnings);
    expect(
      a.warnings.some((w) => re.test(w)),
      a.warnings.join('\n'),
    ).toBe(true);
  }
  if (c.report) {
    const { files, ...rest } = c.report;
    expect(sum.report).toMatchObject(rest);
    for (const [file, counts] of Object.entries(files ?? {})) {
      expect(sum.report.files.find((f) => f.fileName === file)).toMatchObject(counts);
    }
  }
}

describe('the broken-input corpus (e2e/data/corpus/manifest.json)', () => {
  it('has cases of every kind', () => {
    expect(cases.length).toBeGreaterThan(80);
    expect(cases.filter((c) => c.file?.startsWith('trunc-')).length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [(c.files ?? [c.file!]).join(' + '), c] as const))(
    '%s',
    async (_, c) => {
      const names = c.files ?? [c.file!];
      const s = new Session();
      // A good dataset is open first: a failed open must leave it in place.
      s.openBytes([{ name: 'base.arrow', bytes: corpusBytes('base.arrow') }]);
      const files = names.map((name) => ({ name, bytes: corpusBytes(name) }));
      const t0 = performance.now();
      // openFiles, as the worker: Parquet, CSV and gzip are decoded first (sniffed from bytes).
      const r = await s.openFiles(files);
      const a = r.summary ? s.analyse(r.summary.inferred) : null;
      const ms = performance.now() - t0;
      expect(ms, `${c.note}: took ${ms.toFixed(0)} ms`).toBeLessThan(MAX_MS);
      for (const e of r.errors) expect(e.reason.trim().length).toBeGreaterThan(0);
      if (c.expect === 'error') {
        expect(r.summary, c.note).toBeNull();
        expect(r.errors.length).toBeGreaterThan(0);
        const named = r.errors.find((e) => names.some((n) => e.fileName.includes(n)));
        expect(named?.reason, c.note).toMatch(new RegExp(c.reason!, 'i'));
        expect(s.dataset.n).toBe(40);
      } else {
        expect(r.summary, `${c.note}: ${r.errors.map((e) => e.reason).join('; ')}`).not.toBeNull();
        checkOpen(c, r, a!);
      }
    },
  );
});
