import { describe, expect, it } from 'vitest';
import type { Column } from '../../data/types';
import type { Predicate } from '../../shared/predicate';
import { confusionMatrices } from '../metrics';
import { fusedCohortStats } from '../cohortStats';
import { computeOverview, type OverviewInput } from '../overview';
import { type CohortData, cohortMask, popcount } from './evaluate';
import { fusedCohortCounts, fusedConditions } from './fused';

/** mulberry32: seeded, so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dataOf(
  cols: Column[],
  n: number,
  label: Int32Array,
  classes: string[],
  preds: Record<string, Int32Array>,
): CohortData {
  return {
    n,
    column: (name) => cols.find((c) => c.name === name),
    label,
    classes,
    version: (name) => (preds[name] ? { pred: preds[name], score: null } : undefined),
    idKey: null,
  };
}

describe('fused cohort counts: a hand-computed case', () => {
  // Six rows: a null in each column.
  const cols: Column[] = [
    {
      kind: 'numeric',
      name: 'age',
      values: Float64Array.from([20, 35, NaN, 50, 35, 80]),
      integral: true,
    },
    {
      kind: 'string',
      name: 'country',
      codes: Int32Array.from([0, 1, 0, -1, 2, 1]),
      dictionary: ['FR', 'DE', 'fr-CA'],
    },
  ];
  const label = Int32Array.from([0, 1, 2, 0, -1, 1]);
  const v1 = Int32Array.from([0, 0, 2, 1, 1, -1]);
  const v2 = Int32Array.from([0, 1, 1, 1, 1, 1]);
  const d = dataOf(cols, 6, label, ['a', 'b', 'c'], { v1, v2 });

  it('age in [30, 50] and country in {DE, fr-CA}: rows 1 and 4', () => {
    const p: Predicate = {
      op: 'and',
      children: [
        { op: 'range', column: 'age', min: 30, max: 50 },
        { op: 'in', column: 'country', values: ['DE', 'fr-CA'] },
      ],
    };
    const conditions = fusedConditions(p, d)!;
    const f = fusedCohortCounts(6, conditions, label, [v1, v2], 3, true);
    // Row 1 (label b, v1 says a, v2 says b) and row 4 (no label: in the size, not in a matrix).
    expect(f.size).toBe(2);
    expect(Array.from(f.mask!)).toEqual([0, 1, 0, 0, 1, 0]);
    const m1 = new Array(9).fill(0);
    m1[1 * 3 + 0] = 1;
    const m2 = new Array(9).fill(0);
    m2[1 * 3 + 1] = 1;
    expect(f.matrices.map((m) => Array.from(m))).toEqual([m1, m2]);
  });

  it('label and prediction sets; a range open at one end leaves the null out', () => {
    const p: Predicate = {
      op: 'and',
      children: [
        { op: 'range', column: 'age', min: null, max: 50 },
        { op: 'label', values: ['a', 'b'] },
        { op: 'predicted', version: 'v2', values: ['b'] },
      ],
    };
    // age ≤ 50: rows 0, 1, 3, 4; label a/b: 0, 1, 3, 5; v2 = b: 1..5 → rows 1 and 3.
    const f = fusedCohortCounts(6, fusedConditions(p, d)!, label, [v1], 3);
    expect(f.size).toBe(2);
    const m1 = new Array(9).fill(0);
    m1[1 * 3 + 0] = 1; // row 1: b predicted a
    m1[0 * 3 + 1] = 1; // row 3: a predicted b
    expect(Array.from(f.matrices[0]!)).toEqual(m1);
  });

  it('leaves to the mask path what it does not read', () => {
    const range: Predicate = { op: 'range', column: 'age', min: 0, max: 1 };
    for (const p of [
      { op: 'or', children: [range] },
      { op: 'not', child: range },
      { op: 'and', children: [] },
      { op: 'and', children: [range, { op: 'isNull', column: 'age' }] },
      { op: 'text', column: 'country', pattern: 'F', mode: 'contains' },
      { op: 'range', column: 'country', min: 0, max: 1 },
      { op: 'range', column: 'nope', min: 0, max: 1 },
      { op: 'in', column: 'age', values: ['20'] },
      { op: 'predicted', version: 'v9', values: ['a'] },
      { op: 'outcome', version: 'v1', correct: true },
    ] as Predicate[])
      expect(fusedConditions(p, d)).toBeNull();
  });
});

describe('fused cohort counts equal the mask and the matrices on random data', () => {
  const rand = rng(20261203);
  // Crosses several blocks of 4096 rows, ending mid-block.
  const n = 4096 * 4 + 1234;
  const k = 4;
  const classes = ['a', 'b', 'c', 'd'];
  const nullish = (p: number) => rand() < p;
  const f32 = Float32Array.from({ length: n }, () => (nullish(0.05) ? NaN : rand() * 2 - 1));
  const f64 = Float64Array.from({ length: n }, () =>
    nullish(0.05) ? NaN : Math.round(rand() * 20),
  );
  const dict = ['x', 'y', 'z', 'w', 'v'];
  const codes = Int32Array.from({ length: n }, () =>
    nullish(0.05) ? -1 : Math.floor(rand() * dict.length),
  );
  const cls = () => (nullish(0.04) ? -1 : Math.floor(rand() * k));
  const label = Int32Array.from({ length: n }, cls);
  const preds = [0, 1, 2].map(() => Int32Array.from({ length: n }, cls));
  const cols: Column[] = [
    { kind: 'numeric', name: 'f32', values: f32, integral: false },
    { kind: 'numeric', name: 'f64', values: f64, integral: true },
    { kind: 'timestamp', name: 'at', values: f64, timezone: null, dateOnly: false },
    { kind: 'string', name: 'cat', codes, dictionary: dict },
  ];
  const d = dataOf(cols, n, label, classes, { v0: preds[0]!, v1: preds[1]!, v2: preds[2]! });
  const end = (lo: number, span: number) => (rand() < 0.2 ? null : lo + rand() * span);
  const condition = (): Predicate => {
    const pick = Math.floor(rand() * 6);
    const subset = (from: string[]) => from.filter(() => rand() < 0.5);
    if (pick === 0) return { op: 'range', column: 'f32', min: end(-1, 1), max: end(0, 1) };
    if (pick === 1) return { op: 'range', column: 'f64', min: end(0, 10), max: end(8, 12) };
    if (pick === 2) return { op: 'range', column: 'at', min: end(0, 10), max: end(5, 15) };
    if (pick === 3) return { op: 'in', column: 'cat', values: subset(dict) };
    if (pick === 4) return { op: 'label', values: subset(classes) };
    return { op: 'predicted', version: `v${Math.floor(rand() * 3)}`, values: subset(classes) };
  };

  it('size and each version’s matrix, one to three conditions, one to three versions', () => {
    let mixed = 0;
    for (let trial = 0; trial < 60; trial++) {
      const count = 1 + Math.floor(rand() * 3);
      const children = Array.from({ length: count }, condition);
      const p: Predicate = count === 1 && rand() < 0.5 ? children[0]! : { op: 'and', children };
      const which = preds.slice(0, 1 + (trial % 3));
      const mask = cohortMask(p, d);
      const f = fusedCohortCounts(n, fusedConditions(p, d)!, label, which, k, true);
      expect(f.size).toBe(popcount(mask));
      // Compared row by row (toEqual on 17k-byte arrays is slow).
      let differ = 0;
      for (let i = 0; i < n; i++) differ += f.mask![i] === mask[i] ? 0 : 1;
      expect(differ).toBe(0);
      if (f.size > 0 && f.size < n) mixed++;
      expect(f.matrices).toEqual(confusionMatrices(label, which, k, mask));
    }
    // Most cohorts drawn hold some rows but not all (not a vacuous comparison).
    expect(mixed).toBeGreaterThan(30);
  });

  it('the headline metrics: multiclass, and binary with AUC over the mask', () => {
    const scores = [0, 1].map(() =>
      Float32Array.from({ length: n }, () => (nullish(0.05) ? NaN : rand())),
    );
    const binary = (v: Int32Array) => v.map((c) => (c < 0 ? c : c & 1));
    const inputs: OverviewInput[] = [
      {
        task: 'multiclass',
        n,
        classes,
        positive: 0,
        label,
        y: null,
        versions: preds.map((pred, j) => ({ name: `v${j}`, pred, score: null, yhat: null })),
      },
      {
        task: 'binary',
        n,
        classes: ['no', 'yes'],
        positive: 1,
        label: binary(label),
        y: null,
        versions: [0, 1].map((j) => ({
          name: `v${j}`,
          pred: binary(preds[j]!),
          score: scores[j]!,
          yhat: null,
        })),
      },
    ];
    for (const input of inputs)
      for (let trial = 0; trial < 10; trial++) {
        const p: Predicate = { op: 'and', children: [condition(), condition()] };
        const mask = cohortMask(p, d);
        const fused = fusedCohortStats(input, p, d)!;
        expect(fused.size).toBe(popcount(mask));
        expect(fused.metrics).toEqual(computeOverview(input, mask));
      }
  });
});
