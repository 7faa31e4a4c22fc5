// Test support (imported only by *.test.ts): the fixture written by
// scripts/reference/compare_reference.py and helpers to replay it. JSON has no NaN: null stands
// for it.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export type Num = number | null;
type Mask = number[] | null;
type Dtype = 'float32' | 'float64';

export interface EceRef {
  n: number;
  ece: Num;
  count: number[];
  meanConfidence: Num[];
  accuracy: Num[];
}
export interface CountsRef {
  n: number;
  alerts: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface CompareReference {
  numpy: string;
  scipy: string;
  wilson: { successes: number; n: number; z: number; lo: Num; hi: Num }[];
  chi2: { x: number; sf: number }[];
  mcnemar: { b: number; c: number; statistic: number; p: number; exact: boolean }[];
  bh: { p: Num[]; fdr: number; q: Num[]; significant: number[]; m: number }[];
  multiclassProb: {
    k: number;
    labels: number[];
    probs: Num[];
    mask: Mask;
    expected: { logLoss: number; brier: number; ece15: EceRef; ece10: EceRef };
  }[];
  binaryProb: {
    dtype: Dtype;
    labels: number[];
    scores: Num[];
    mask: Mask;
    expected: { logLoss: number; brier: number; ap: number; ece15?: EceRef };
  }[];
  flips: {
    k: number;
    label: number[];
    predA: number[];
    predB: number[];
    mask: Mask;
    expected: {
      flips: Record<string, number>;
      transition: number[];
      confusionA: number[];
      confusionB: number[];
    };
  }[];
  threshold: {
    dtype: Dtype;
    labels: number[];
    scoreA: Num[];
    scoreB: Num[];
    mask: Mask;
    thresholds: number[];
    expected: {
      stats: CountsRef[];
      match: Record<
        'fpr' | 'alerts',
        { threshold: number; target: number; achieved: number; other: CountsRef }[]
      >;
      hist: Record<
        string,
        {
          range: [number, number] | null;
          counts: number[];
          edges: number[];
          counts2d: number[];
          edges2d: number[];
        }
      >;
      share: {
        t: number;
        n: number;
        aboveA: number;
        aboveB: number;
        crossedDown: number;
        crossedUp: number;
        p: number;
        nA: number;
        aboveAOnly: number;
      }[];
    };
  }[];
}

export const reference = JSON.parse(
  readFileSync(new URL('./__fixtures__/reference.json', import.meta.url), 'utf8'),
) as CompareReference;

/** Relative agreement to `rel` (default 1e-9); null expects NaN. */
export function expectRel(actual: number, expected: Num | undefined, rel = 1e-9): void {
  if (expected === null || expected === undefined) return void expect(actual).toBeNaN();
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * scale);
}

export function expectAllRel(actual: ArrayLike<number>, expected: Num[], rel = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectRel(actual[i]!, expected[i], rel);
}

/** Typed float column; the generator stored float32-rounded values, so narrowing is exact. */
export function floats(xs: Num[], dtype: Dtype = 'float64'): Float32Array | Float64Array {
  const out = dtype === 'float32' ? new Float32Array(xs.length) : new Float64Array(xs.length);
  xs.forEach((v, i) => (out[i] = v ?? NaN));
  xs.forEach((v, i) => v !== null && expect(out[i]).toBe(v));
  return out;
}

export const maskOf = (m: Mask) => (m === null ? undefined : Uint8Array.from(m));
