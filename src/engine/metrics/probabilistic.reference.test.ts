import { describe, expect, it } from 'vitest';
import {
  expectAllRel,
  expectRel,
  floats,
  maskOf,
  reference as ref,
  type EceRef,
} from '../stats/referenceFixture';
import { averagePrecision } from './averagePrecision';
import { binaryCalibration, calibration, type Calibration } from './calibration';
import {
  binaryBrierPerRow,
  binaryLogLossPerRow,
  brierPerRow,
  correctness,
  logLossPerRow,
} from './perRow';
import { binaryBrierScore, binaryLogLoss, brierScore, logLoss } from './probabilistic';

// Expected values: scripts/reference/compare_reference.py (numpy/scipy, independent code).

function expectCalibration(c: Calibration, e: EceRef): void {
  expect(c.n).toBe(e.n);
  expectRel(c.ece, e.ece);
  expect(Array.from(c.bins.count)).toEqual(e.count);
  expectAllRel(c.bins.meanConfidence, e.meanConfidence);
  expectAllRel(c.bins.accuracy, e.accuracy);
}

/** Mean of the non-NaN per-row values over a mask: must equal the metric kernel. */
function maskedMean(values: Float64Array, mask?: Uint8Array): number {
  let s = 0;
  let n = 0;
  values.forEach((v, i) => {
    if (v === v && (mask === undefined || mask[i] === 1)) {
      s += v;
      n++;
    }
  });
  return s / n;
}

describe(`probability metrics vs numpy ${ref.numpy} reference`, () => {
  it.each(ref.multiclassProb.map((c, i) => [i, c] as const))('multiclass case %i', (_, c) => {
    const labels = Int32Array.from(c.labels);
    const probs = floats(c.probs, 'float32') as Float32Array;
    const mask = maskOf(c.mask);
    const e = c.expected;
    expectRel(logLoss(labels, probs, c.k, mask), e.logLoss);
    expectRel(brierScore(labels, probs, c.k, mask), e.brier);
    expectCalibration(calibration(labels, probs, c.k, 15, mask), e.ece15);
    expectCalibration(calibration(labels, probs, c.k, 10, mask), e.ece10);
    expectRel(maskedMean(logLossPerRow(labels, probs, c.k), mask), e.logLoss);
    expectRel(maskedMean(brierPerRow(labels, probs, c.k), mask), e.brier);
  });

  it.each(ref.binaryProb.map((c, i) => [i, c] as const))('binary case %i', (_, c) => {
    const labels = Int32Array.from(c.labels);
    const scores = floats(c.scores, c.dtype);
    const mask = maskOf(c.mask);
    const e = c.expected;
    expectRel(binaryLogLoss(labels, scores, mask), e.logLoss);
    expectRel(binaryBrierScore(labels, scores, mask), e.brier);
    expectRel(averagePrecision(labels, scores, mask), e.ap);
    if (e.ece15) expectCalibration(binaryCalibration(labels, scores, 15, mask), e.ece15);
    expectRel(maskedMean(binaryLogLossPerRow(labels, scores), mask), e.logLoss);
    expectRel(maskedMean(binaryBrierPerRow(labels, scores), mask), e.brier);
  });

  it('correctness marks nulls 2, matches 1 and misses 0', () => {
    const c = correctness(Int32Array.from([0, 1, -1, 2, 2]), Int32Array.from([0, 2, 1, -1, 2]));
    expect(Array.from(c)).toEqual([1, 0, 2, 2, 1]);
  });
});
