import { describe, expect, it } from 'vitest';
import { classificationSummary, confusionMatrices, confusionMatrix } from './classification';

const i32 = (xs: number[]) => Int32Array.from(xs);

// Hand-worked 3-class case, 7 rows:
//   labels 0 0 0 1 1 2 2
//   preds  0 0 1 1 1 2 0
// Confusion (row = true): [2 1 0] / [0 2 0] / [1 0 1]; correct = 5 → accuracy 5/7.
//   class 0: tp 2, predicted 3, support 3 → P 2/3, R 2/3, F1 2/3
//   class 1: tp 2, predicted 3, support 2 → P 2/3, R 1,   F1 2·(2/3)/(5/3) = 4/5
//   class 2: tp 1, predicted 1, support 2 → P 1,   R 1/2, F1 2·(1/2)/(3/2) = 2/3
// macro-F1 = (2/3 + 4/5 + 2/3) / 3 = (32/15) / 3 = 32/45.
const LABELS = [0, 0, 0, 1, 1, 2, 2];
const PREDS = [0, 0, 1, 1, 1, 2, 0];

describe('confusionMatrix', () => {
  it('counts true class by row and prediction by column', () => {
    expect(Array.from(confusionMatrix(i32(LABELS), i32(PREDS), 3))).toEqual([
      2, 1, 0, 0, 2, 0, 1, 0, 1,
    ]);
  });

  it('skips nulls (-1) and codes >= k on either side', () => {
    const cm = confusionMatrix(i32([...LABELS, -1, 0, 3, 1]), i32([...PREDS, 0, -1, 0, 5]), 3);
    expect(Array.from(cm)).toEqual([2, 1, 0, 0, 2, 0, 1, 0, 1]);
  });

  it('rejects mismatched lengths and bad k', () => {
    expect(() => confusionMatrix(i32([0]), i32([0, 1]), 2)).toThrow(RangeError);
    expect(() => confusionMatrix(i32([0]), i32([0]), 2, new Uint8Array(2))).toThrow(RangeError);
    expect(() => confusionMatrix(i32([0]), i32([0]), 1.5)).toThrow(RangeError);
  });
});

describe('confusionMatrices', () => {
  it('gives, for 1, 2 and 3 versions, the matrices confusionMatrix gives one by one', () => {
    // Labels and predictions with nulls (-1), out-of-range codes (3, 7, -5) and a mask.
    const labels = i32([0, 0, 0, 1, 1, 2, 2, -1, 0, 3, 1, 2]);
    const preds = [
      i32([0, 0, 1, 1, 1, 2, 0, 0, -1, 0, 7, 2]),
      i32([1, 0, 2, 1, 0, 2, 2, 1, 0, 0, 1, -5]),
      i32([2, 2, 2, 0, 1, 1, 0, 0, 0, 1, 1, 1]),
    ];
    const mask = Uint8Array.from([1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
    for (const count of [1, 2, 3])
      for (const m of [undefined, mask]) {
        const got = confusionMatrices(labels, preds.slice(0, count), 3, m).map((x) =>
          Array.from(x),
        );
        const want = preds.slice(0, count).map((p) => Array.from(confusionMatrix(labels, p, 3, m)));
        expect(got).toEqual(want);
      }
    // And the pair path by hand, unmasked: version 2 over its 10 scorable rows.
    expect(Array.from(confusionMatrices(labels, preds.slice(0, 2), 3)[1]!)).toEqual([
      2, 1, 1, 1, 2, 0, 0, 0, 2,
    ]);
  });
});

describe('classificationSummary', () => {
  it('matches the hand-worked 3-class case', () => {
    const s = classificationSummary(i32(LABELS), i32(PREDS), 3);
    expect(s.n).toBe(7);
    expect(s.correct).toBe(5);
    expect(s.accuracy).toBeCloseTo(5 / 7, 15);
    expect(s.macroF1).toBeCloseTo(32 / 45, 15);
    const expected = [
      [2 / 3, 2 / 3, 2 / 3, 3],
      [2 / 3, 1, 4 / 5, 2],
      [1, 1 / 2, 2 / 3, 2],
    ];
    s.perClass.forEach((c, i) => {
      const [p, r, f, sup] = expected[i]!;
      expect(c.precision).toBeCloseTo(p!, 15);
      expect(c.recall).toBeCloseTo(r!, 15);
      expect(c.f1).toBeCloseTo(f!, 15);
      expect(c.support).toBe(sup);
    });
  });

  // Mask keeps rows 0..4: labels 0 0 0 1 1, preds 0 0 1 1 1 → [2 1 0] / [0 2 0] / [0 0 0].
  //   class 0: P 2/2 = 1, R 2/3, F1 2·(2/3)/(5/3) = 4/5
  //   class 1: P 2/3, R 2/2 = 1, F1 4/5
  //   class 2 appears in neither labels nor preds → left out of the macro (sklearn labels=None),
  //   so macro-F1 = 4/5, not (4/5 + 4/5 + 0)/3.
  it('applies the mask and averages only over classes present', () => {
    const s = classificationSummary(
      i32(LABELS),
      i32(PREDS),
      3,
      Uint8Array.from([1, 1, 1, 1, 1, 0, 0]),
    );
    expect(s.n).toBe(5);
    expect(s.accuracy).toBeCloseTo(4 / 5, 15);
    expect(s.macroF1).toBeCloseTo(4 / 5, 15);
    expect(s.perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });

  // labels 0 0 1, preds 0 2 1 (k = 3): class 2 is only predicted.
  //   class 0: P 1/1, R 1/2, F1 2/3;  class 1: P 1, R 1, F1 1
  //   class 2: tp 0, predicted 1 → P 0; support 0 → R 0/0 → 0; F1 0, but it counts in the macro.
  // macro-F1 = (2/3 + 1 + 0) / 3 = 5/9; accuracy 2/3.
  it('counts a class that is only predicted as F1 0 in the macro', () => {
    const s = classificationSummary(i32([0, 0, 1]), i32([0, 2, 1]), 3);
    expect(s.accuracy).toBeCloseTo(2 / 3, 15);
    expect(s.macroF1).toBeCloseTo(5 / 9, 15);
    expect(s.perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('gives 1 for a perfect single-class input', () => {
    const s = classificationSummary(i32([1, 1, 1]), i32([1, 1, 1]), 3);
    expect(s.accuracy).toBe(1);
    expect(s.macroF1).toBe(1);
  });

  it('returns NaN accuracy and macro-F1 with no scorable rows', () => {
    for (const s of [
      classificationSummary(i32([]), i32([]), 3),
      classificationSummary(i32([-1, 0]), i32([1, -1]), 3),
    ]) {
      expect(s.n).toBe(0);
      expect(s.accuracy).toBeNaN();
      expect(s.macroF1).toBeNaN();
      expect(s.perClass).toHaveLength(3);
    }
  });
});
