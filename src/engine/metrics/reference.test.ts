import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classificationSummary, confusionMatrix, regressionSummary, rocAuc } from './index';

// Expected values come from scripts/reference/metrics_reference.py (numpy/scipy), not from these
// kernels. JSON has no NaN, so the generator writes null for it.
type Num = number | null;
interface Reference {
  numpy: string;
  scipy: string;
  multiclass: {
    k: number;
    labels: number[];
    preds: number[];
    mask: number[] | null;
    expected: {
      confusion: number[];
      n: number;
      correct: number;
      accuracy: Num;
      macroF1: Num;
      precision: number[];
      recall: number[];
      f1: number[];
      support: number[];
    };
  }[];
  binary: {
    dtype: 'float32' | 'float64';
    labels: number[];
    scores: Num[];
    mask: number[] | null;
    expected: { auc: number };
  }[];
  regression: {
    dtype: 'float32' | 'float64';
    y: Num[];
    yhat: Num[];
    mask: number[] | null;
    expected: { n: number; mae: number; rmse: number; r2: number; meanError: number };
  }[];
}

const ref = JSON.parse(
  readFileSync(new URL('./__fixtures__/reference.json', import.meta.url), 'utf8'),
) as Reference;

const REL = 1e-9;
function expectRel(actual: number, expected: Num): void {
  if (expected === null) return expect(actual).toBeNaN();
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(REL * scale);
}

const floats = (xs: Num[], dtype: 'float32' | 'float64') => {
  const out = dtype === 'float32' ? new Float32Array(xs.length) : new Float64Array(xs.length);
  xs.forEach((v, i) => (out[i] = v ?? NaN));
  // The generator stored float32-rounded values, so this narrowing must be exact.
  xs.forEach((v, i) => v !== null && expect(out[i]).toBe(v));
  return out;
};
const maskOf = (m: number[] | null) => (m === null ? undefined : Uint8Array.from(m));

describe(`metrics vs numpy ${ref.numpy} / scipy ${ref.scipy} reference`, () => {
  it.each(ref.multiclass.map((c, i) => [i, c] as const))('multiclass case %i', (_, c) => {
    const labels = Int32Array.from(c.labels);
    const preds = Int32Array.from(c.preds);
    const mask = maskOf(c.mask);
    const e = c.expected;
    expect(Array.from(confusionMatrix(labels, preds, c.k, mask))).toEqual(e.confusion);
    const s = classificationSummary(labels, preds, c.k, mask);
    expect([s.n, s.correct]).toEqual([e.n, e.correct]);
    expectRel(s.accuracy, e.accuracy);
    expectRel(s.macroF1, e.macroF1);
    s.perClass.forEach((pc, j) => {
      expectRel(pc.precision, e.precision[j]!);
      expectRel(pc.recall, e.recall[j]!);
      expectRel(pc.f1, e.f1[j]!);
      expect(pc.support).toBe(e.support[j]);
    });
  });

  it.each(ref.binary.map((c, i) => [i, c] as const))('binary case %i', (_, c) => {
    const labels = Int32Array.from(c.labels);
    expectRel(rocAuc(labels, floats(c.scores, c.dtype), maskOf(c.mask)), c.expected.auc);
  });

  it('binary case 1 via Uint8Array labels, its -1 rows masked out instead', () => {
    const c = ref.binary[1]!;
    const keep = c.labels.map((l) => (l < 0 ? 0 : 1));
    const labels = Uint8Array.from(c.labels.map((l) => (l < 0 ? 0 : l)));
    const auc = rocAuc(labels, floats(c.scores, c.dtype), Uint8Array.from(keep));
    expectRel(auc, c.expected.auc);
  });

  it.each(ref.regression.map((c, i) => [i, c] as const))('regression case %i', (_, c) => {
    const s = regressionSummary(floats(c.y, c.dtype), floats(c.yhat, c.dtype), maskOf(c.mask));
    const e = c.expected;
    expect(s.n).toBe(e.n);
    expectRel(s.mae, e.mae);
    expectRel(s.rmse, e.rmse);
    expectRel(s.r2, e.r2);
    expectRel(s.meanError, e.meanError);
  });
});
