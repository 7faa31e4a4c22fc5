// The SQL WHERE of a cohort selects exactly the rows the in-tab engine selects, nulls and NaN
// included, on a hostile DuckDB-written Parquet file (three role mappings) and on wide.parquet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Predicate } from '../../shared/predicate';
import { CohortError, cohortMask } from '../../engine/cohort/evaluate';
import { type Pair, openPair } from '../../test/sqlPair';
import { HOSTILE, hostileRoles, writeHostileParquet } from '../../test/sqlHostile';
import { whereSql } from './where';

async function outcome(run: () => Promise<number[]> | number[]): Promise<number[] | string> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CohortError) return `error: ${err.message}`;
    throw err;
  }
}

function indices(mask: Uint8Array): number[] {
  return [...mask.keys()].filter((i) => mask[i] === 1);
}

/** Both engines' rows for each predicate; returns how many selected neither none nor all. */
async function expectSame(pair: Pair, preds: Predicate[]): Promise<number> {
  let informative = 0;
  for (const p of preds) {
    const engine = await outcome(() => indices(cohortMask(p, pair.session.dataset.cohortData())));
    const sql = await outcome(() => pair.rowsWhere(whereSql(p, pair.src)));
    expect(sql, JSON.stringify(p)).toEqual(engine);
    if (Array.isArray(engine) && engine.length > 0 && engine.length < pair.src.rowCount)
      informative++;
  }
  return informative;
}

const T = (d: number, h = 0) => Date.UTC(2024, 0, d, h);

/** Leaves over the hostile file's feature columns (several must fail the same way in both). */
const FEATURES: Predicate[] = [
  { op: 'range', column: HOSTILE.num, min: null, max: null },
  { op: 'range', column: HOSTILE.num, min: 2, max: 5 },
  { op: 'range', column: HOSTILE.num, min: 3.7, max: 3.7 },
  { op: 'range', column: HOSTILE.num, min: 5, max: null },
  { op: 'range', column: HOSTILE.float, min: -0.5, max: 0.25 },
  { op: 'range', column: HOSTILE.float, min: 0.1, max: null },
  { op: 'range', column: HOSTILE.when, min: T(3), max: T(6, 12) },
  { op: 'range', column: HOSTILE.id, min: 9007199254741000, max: null },
  { op: 'range', column: HOSTILE.text, min: 0, max: 1 },
  { op: 'in', column: HOSTILE.text, values: ["O'Brien", 'a"b'] },
  { op: 'in', column: HOSTILE.text, values: [''] },
  { op: 'in', column: HOSTILE.text, values: [] },
  { op: 'in', column: HOSTILE.text, values: ["'); DROP VIEW wb_data; --"] },
  { op: 'in', column: HOSTILE.flag, values: ['true'] },
  { op: 'in', column: HOSTILE.flag, values: ['false', 'true'] },
  { op: 'in', column: HOSTILE.flag, values: [] },
  { op: 'in', column: HOSTILE.num, values: ['3.7', '', 'abc', '0.5'] },
  { op: 'in', column: HOSTILE.when, values: [String(T(1, 5)), String(T(2, 1))] },
  { op: 'in', column: 'probs_b', values: ['1'] },
  { op: 'text', column: HOSTILE.text, pattern: "'", mode: 'contains' },
  { op: 'text', column: HOSTILE.text, pattern: 'café', mode: 'contains' },
  { op: 'text', column: HOSTILE.text, pattern: 'café', mode: 'contains', caseSensitive: true },
  { op: 'text', column: HOSTILE.text, pattern: '', mode: 'contains' },
  { op: 'text', column: HOSTILE.text, pattern: '%_', mode: 'contains' },
  { op: 'text', column: HOSTILE.text, pattern: '\\', mode: 'contains' },
  { op: 'text', column: HOSTILE.text, pattern: '^[a-z]', mode: 'regex' },
  { op: 'text', column: HOSTILE.text, pattern: '^[a-z]', mode: 'regex', caseSensitive: true },
  { op: 'text', column: HOSTILE.text, pattern: '<.*>|\\\\', mode: 'regex' },
  { op: 'text', column: HOSTILE.text, pattern: '[', mode: 'regex' },
  { op: 'text', column: HOSTILE.text, pattern: '(a)\\1', mode: 'regex' },
  { op: 'text', column: HOSTILE.num, pattern: 'a', mode: 'contains' },
  ...Object.values(HOSTILE).map((column): Predicate => ({ op: 'isNull', column })),
  { op: 'isNull', column: 'probs_b' },
  { op: 'isNull', column: 'no such column' },
];

const MULTICLASS: Predicate[] = [
  { op: 'label', values: ['cat'] },
  { op: 'label', values: ['cat', 'bird'] },
  { op: 'label', values: [] },
  { op: 'predicted', version: 'a', values: ['dog'] },
  { op: 'predicted', version: 'b', values: ['bird', 'cat'] },
  { op: 'outcome', version: 'a', correct: true },
  { op: 'outcome', version: 'b', correct: false },
  { op: 'changed', a: 'a', b: 'b' },
  { op: 'flip', from: 'a', to: 'b', kind: 'correct-to-wrong' },
  { op: 'flip', from: 'a', to: 'b', kind: 'wrong-to-correct' },
  { op: 'ids', ids: ['9007199254740993', '9007199254741000', '17', 'x', '9007199254741292'] },
  { op: 'ids', ids: [] },
  { op: 'score', version: 'a', min: 0, max: 1 },
  { op: 'predicted', version: 'zz', values: ['cat'] },
];

const BINARY: Predicate[] = [
  { op: 'label', values: ['1'] },
  { op: 'predicted', version: 's1', values: ['1'] },
  { op: 'predicted', version: 's2', values: ['0'] },
  { op: 'score', version: 's1', min: 0.3, max: 0.7 },
  { op: 'score', version: 's2', min: null, max: 0.17 },
  { op: 'score', version: 's1', min: null, max: null },
  { op: 'outcome', version: 's1', correct: true },
  { op: 'changed', a: 's1', b: 's2' },
  { op: 'flip', from: 's2', to: 's1', kind: 'wrong-to-correct' },
];

const REGRESSION: Predicate[] = [
  { op: 'label', values: ['1'] },
  { op: 'outcome', version: 'r', correct: true },
  { op: 'score', version: 'r', min: 0, max: 3 },
  { op: 'predicted', version: 'r', values: ['1'] },
];

/** Seeded random trees of and/or/not over the leaves (mulberry32). */
function trees(leaves: Predicate[], count: number, seed: number): Predicate[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = () => leaves[Math.floor(rand() * leaves.length)]!;
  const tree = (depth: number): Predicate => {
    const r = rand();
    if (depth === 0 || r < 0.3) return pick();
    if (r < 0.45) return { op: 'not', child: tree(depth - 1) };
    const children = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => tree(depth - 1));
    return { op: r < 0.75 ? 'and' : 'or', children };
  };
  return Array.from({ length: count }, () => tree(3));
}

/** Leaves that every engine accepts, so trees do not mostly end in an error. */
async function valid(pair: Pair, leaves: Predicate[]): Promise<Predicate[]> {
  const ok = await Promise.all(
    leaves.map((p) => outcome(() => indices(cohortMask(p, pair.session.dataset.cohortData())))),
  );
  return leaves.filter((_, i) => Array.isArray(ok[i]));
}

describe('cohort predicates compile to SQL that selects the same rows as the in-tab engine', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await openPair(await writeHostileParquet());
  }, 30_000);
  afterAll(() => pair?.close());

  it('multiclass roles (string classes, a probability list with NaN and ties): every leaf, its negation and 150 random trees', async () => {
    pair.analyse(hostileRoles.multiclass);
    expect(pair.src.classes).toEqual(['bird', 'cat', 'dog']);
    const leaves = [...FEATURES, ...MULTICLASS];
    const nots = leaves.map((p): Predicate => ({ op: 'not', child: p }));
    expect(await expectSame(pair, [...leaves, ...nots])).toBeGreaterThan(70);
    expect(await expectSame(pair, trees(await valid(pair, leaves), 150, 1))).toBeGreaterThan(90);
  });

  it('binary roles, with the default 0.5 and with explicit thresholds per version', async () => {
    const settings: Record<string, number>[] = [{}, { s1: 0.4, s2: 0.77 }];
    for (const thresholds of settings) {
      pair.analyse(hostileRoles.binary, thresholds);
      const leaves = [...BINARY, ...MULTICLASS.slice(10, 12)];
      const nots = leaves.map((p): Predicate => ({ op: 'not', child: p }));
      expect(await expectSame(pair, [...leaves, ...nots])).toBeGreaterThan(14);
      expect(await expectSame(pair, trees(await valid(pair, leaves), 60, 2))).toBeGreaterThan(30);
    }
  });

  it('regression: role conditions fail with the engine’s messages, features still select', async () => {
    pair.analyse(hostileRoles.regression);
    expect(await expectSame(pair, [...REGRESSION, ...FEATURES.slice(0, 8)])).toBe(8);
  });
});

describe('on the app fixture written by polars (wide.parquet, inferred roles)', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await openPair(
      fileURLToPath(new URL('../../../e2e/data/wide.parquet', import.meta.url)),
    );
  }, 30_000);
  afterAll(() => pair?.close());

  it('the same rows for feature and role conditions and random trees of them', async () => {
    const leaves: Predicate[] = [
      { op: 'range', column: 'age', min: 30, max: 50 },
      { op: 'in', column: 'country', values: ['DE', 'FR'] },
      { op: 'in', column: 'is_member', values: ['true'] },
      { op: 'range', column: 'signup', min: Date.UTC(2023, 3, 1), max: null },
      { op: 'text', column: 'segment', pattern: 'R', mode: 'contains' },
      { op: 'isNull', column: 'age' },
      { op: 'label', values: ['2'] },
      { op: 'outcome', version: 'v1', correct: true },
      { op: 'flip', from: 'v1', to: 'v2', kind: 'wrong-to-correct' },
      { op: 'ids', ids: ['9007199254740995', '9007199254741100', '9007199254740994'] },
    ];
    expect(await expectSame(pair, leaves)).toBe(leaves.length);
    expect(await expectSame(pair, trees(leaves, 80, 3))).toBeGreaterThan(40);
  });
});
