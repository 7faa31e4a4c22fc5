import { describe, expect, it } from 'vitest';
import { flips } from './flips';
import { thresholdPredictions } from './predictions';

const i32 = (xs: number[]) => Int32Array.from(xs);

describe('flips', () => {
  it('counts every kind of row in a hand-worked case', () => {
    //            both✓ c→w c→w w→c both✗same both✗diff noLabel nullA  masked
    const label = i32([0, 1, 2, 0, 1, 2, -1, 0, 0]);
    const a = i32([0, 1, 2, 1, 0, 0, 1, -1, 0]);
    const b = i32([0, 0, 1, 0, 0, 1, 2, 0, 1]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const f = flips(label, a, b, mask);
    expect(f).toMatchObject({
      evaluated: 6,
      bothCorrect: 1,
      correctToWrong: 2,
      wrongToCorrect: 1,
      bothWrongSame: 1,
      bothWrongDifferent: 1,
      changed: 4,
      correctA: 3,
      correctB: 2,
      compared: 7,
      comparedChanged: 5,
    });
    expect(f.negativeFlipRate).toBe(2 / 6);
    expect(f.positiveFlipRate).toBe(1 / 6);
    expect(f.negativeFlipShareOfCorrectA).toBe(2 / 3);
    expect(f.positiveFlipShareOfWrongA).toBe(1 / 3);
    expect(f.changedRate).toBe(4 / 6);
  });

  it('gives NaN rates with nothing to evaluate', () => {
    const f = flips(i32([-1]), i32([0]), i32([0]));
    expect([f.evaluated, f.compared]).toEqual([0, 1]);
    expect(f.negativeFlipRate).toBeNaN();
  });

  it('binary predictions follow a per-version threshold (score ≥ t is positive)', () => {
    const codes = thresholdPredictions(Float64Array.of(0.2, 0.5, 0.7, NaN), 0.5, 1, 0);
    expect(Array.from(codes)).toEqual([0, 1, 1, -1]);
  });
});
