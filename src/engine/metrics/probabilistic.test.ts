import { describe, expect, it } from 'vitest';
import { averagePrecision } from './averagePrecision';
import { binaryCalibration, calibration } from './calibration';
import { binaryBrierScore, binaryLogLoss, brierScore, logLoss } from './probabilistic';

const f64 = (xs: number[]) => Float64Array.from(xs);

// Three rows, k = 3, labels 0 1 2:
//   [0.7 0.2 0.1] → −ln 0.7;  Brier (0.3² + 0.2² + 0.1²) = 0.14
//   [0.1 0.8 0.1] → −ln 0.8;  Brier (0.1² + 0.2² + 0.1²) = 0.06
//   [0.3 0.3 0.4] → −ln 0.4;  Brier (0.3² + 0.3² + 0.6²) = 0.54
const LABELS = Int32Array.from([0, 1, 2]);
const PROBS = f64([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4]);

describe('log loss and Brier', () => {
  it('matches the hand-worked multiclass case', () => {
    expect(logLoss(LABELS, PROBS, 3)).toBeCloseTo(-(Math.log(0.7 * 0.8 * 0.4) / 3), 15);
    expect(brierScore(LABELS, PROBS, 3)).toBeCloseTo(0.74 / 3, 15);
  });

  it('skips null labels, NaN probability rows and masked rows', () => {
    const labels = Int32Array.from([0, 1, 2, -1, 0, 1]);
    const probs = f64([...PROBS, 1, 0, 0, NaN, 0.5, 0.5, 0, 0, 1]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 0]);
    expect(logLoss(labels, probs, 3, mask)).toBeCloseTo(-(Math.log(0.7 * 0.8 * 0.4) / 3), 15);
    expect(brierScore(labels, probs, 3, mask)).toBeCloseTo(0.74 / 3, 15);
    expect(logLoss(Int32Array.from([-1]), f64([1, 0, 0]), 3)).toBeNaN();
  });

  it('clips a zero probability at the float type epsilon, like sklearn', () => {
    const labels = Int32Array.from([1]);
    expect(logLoss(labels, f64([1, 0]), 2)).toBeCloseTo(-Math.log(2 ** -52), 12);
    expect(logLoss(labels, Float32Array.from([1, 0]), 2)).toBeCloseTo(-Math.log(2 ** -23), 12);
    expect(logLoss(labels, f64([1, 0]), 2, undefined, 1e-15)).toBeCloseTo(-Math.log(1e-15), 12);
  });

  it('binary forms from a positive-class score: hand-worked', () => {
    // y = 1, s = 0.8 → −ln 0.8, (0.2)²;  y = 0, s = 0.3 → −ln 0.7, (0.3)²;  label 2 skipped.
    const labels = Uint8Array.from([1, 0, 2]);
    const s = f64([0.8, 0.3, 0.5]);
    expect(binaryLogLoss(labels, s)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
    expect(binaryBrierScore(labels, s)).toBeCloseTo(0.065, 15);
    // Multiclass Brier with k = 2 counts both columns: twice the binary value.
    const probs = f64([0.2, 0.8, 0.7, 0.3]);
    expect(brierScore(Int32Array.from([1, 0]), probs, 2)).toBeCloseTo(0.13, 15);
  });
});

describe('averagePrecision', () => {
  it('matches the hand-worked step sum with a tie across classes', () => {
    // Descending: 0.9 (+) | 0.8 (−, +) | 0.5 (−) | 0.3 (+); 3 positives.
    // t = 0.9: P = 1,   ΔR = 1/3;  t = 0.8: P = 2/3, ΔR = 1/3;  t = 0.5: ΔR = 0;
    // t = 0.3: P = 3/5, ΔR = 1/3.  AP = (1 + 2/3 + 3/5)/3 = 34/45.
    const labels = Uint8Array.from([1, 0, 1, 0, 1]);
    expect(averagePrecision(labels, f64([0.9, 0.8, 0.8, 0.5, 0.3]))).toBeCloseTo(34 / 45, 15);
  });

  it('is 1 without negatives, NaN without positives, and skips nulls and masked rows', () => {
    expect(averagePrecision(Uint8Array.from([1, 1]), f64([0.1, 0.2]))).toBe(1);
    expect(averagePrecision(Uint8Array.from([0, 0]), f64([0.1, 0.2]))).toBeNaN();
    const labels = Int32Array.from([1, 0, 1, 0, 1, -1, 0, 0]);
    const s = f64([0.9, 0.8, 0.8, 0.5, 0.3, 0.95, NaN, 0.99]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(averagePrecision(labels, s, mask)).toBeCloseTo(34 / 45, 15);
  });
});

describe('calibration', () => {
  it('bins a binary score on [b/B, (b+1)/B) with 1 in the last bin: hand-worked', () => {
    // B = 4. bin 0: 0.1 (0), 0.2 (1) → conf 0.15, acc 0.5;  bin 1: 0.25 (0), 0.3 (0) → 0.275, 0;
    // bin 2: 0.6 (1), 0.7 (1) → 0.65, 1;  bin 3: 0.9 (1), 1.0 (1) → 0.95, 1.
    // ECE = 2·(0.35 + 0.275 + 0.35 + 0.05)/8 = 0.25625.  1.2 is no probability: outOfRange.
    const labels = Uint8Array.from([0, 1, 0, 1, 1, 1, 1, 0, 1, 2]);
    const s = f64([0.1, 0.2, 0.3, 0.6, 0.7, 0.9, 1.0, 0.25, 1.2, 0.5]);
    const c = binaryCalibration(labels, s, 4);
    expect([c.n, c.outOfRange]).toEqual([8, 1]);
    expect(Array.from(c.bins.count)).toEqual([2, 2, 2, 2]);
    [0.15, 0.275, 0.65, 0.95].forEach((v, b) =>
      expect(c.bins.meanConfidence[b]).toBeCloseTo(v, 15),
    );
    expect(Array.from(c.bins.accuracy)).toEqual([0.5, 0, 1, 1]);
    expect(c.ece).toBeCloseTo(0.25625, 15);
  });

  it('multiclass: max probability is the confidence, the first max is the prediction', () => {
    // Row 0: conf 0.6 → class 1 = label (hit). Row 1: tie 0.5/0.5 → class 0, label 1 (miss).
    // B = 2: bin 1 holds both (0.6 and 0.5) → conf 0.55, acc 0.5, ECE 0.05. Empty bin 0 is NaN.
    const labels = Int32Array.from([1, 1]);
    const c = calibration(labels, f64([0.1, 0.6, 0.3, 0.5, 0.5, 0]), 3, 2);
    expect(Array.from(c.bins.count)).toEqual([0, 2]);
    expect(c.bins.meanConfidence[0]).toBeNaN();
    expect(c.bins.meanConfidence[1]).toBeCloseTo(0.55, 15);
    expect(c.bins.accuracy[1]).toBe(0.5);
    expect(c.ece).toBeCloseTo(0.05, 15);
    expect(calibration(Int32Array.from([-1]), f64([1, 0, 0]), 3).ece).toBeNaN();
  });
});
