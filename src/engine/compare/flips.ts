import { checkLengths } from '../metrics/checkLengths';

export interface FlipCounts {
  /** Rows with a label and a prediction from both versions (negative codes are nulls). */
  evaluated: number;
  bothCorrect: number;
  /** Both wrong with the same (wrong) prediction. */
  bothWrongSame: number;
  /** Both wrong, but the prediction changed. */
  bothWrongDifferent: number;
  /** Right under A, wrong under B: the "what broke" count (McNemar's b). */
  correctToWrong: number;
  /** Wrong under A, right under B (McNemar's c). */
  wrongToCorrect: number;
  /** Evaluated rows whose prediction differs: correctToWrong + wrongToCorrect + bothWrongDifferent. */
  changed: number;
  correctA: number;
  correctB: number;
  /** Rows where both versions predict, labelled or not, and how many of those changed. */
  compared: number;
  comparedChanged: number;
}

export interface FlipRates {
  /** correctToWrong / evaluated: the headline negative flip rate. */
  negativeFlipRate: number;
  /** wrongToCorrect / evaluated. */
  positiveFlipRate: number;
  /** correctToWrong / correctA: of what A got right, the share B broke. */
  negativeFlipShareOfCorrectA: number;
  /** wrongToCorrect / (evaluated − correctA): of what A got wrong, the share B fixed. */
  positiveFlipShareOfWrongA: number;
  /** changed / evaluated. */
  changedRate: number;
}

/**
 * How outcomes move between versions A and B over the same rows (mask = cohort). Class codes
 * compare by equality; any negative code is a null. Rates are NaN when their denominator is 0.
 */
export function flips(
  label: Int32Array,
  predA: Int32Array,
  predB: Int32Array,
  mask?: Uint8Array,
): FlipCounts & FlipRates {
  const n = label.length;
  checkLengths(n, predA, mask);
  checkLengths(n, predB, undefined);
  let evaluated = 0;
  let bothCorrect = 0;
  let bothWrongSame = 0;
  let bothWrongDifferent = 0;
  let correctToWrong = 0;
  let wrongToCorrect = 0;
  let compared = 0;
  let comparedChanged = 0;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const a = predA[i]!;
    const b = predB[i]!;
    if (a < 0 || b < 0) continue;
    compared++;
    if (a !== b) comparedChanged++;
    const t = label[i]!;
    if (t < 0) continue;
    evaluated++;
    if (a === t) {
      if (b === t) bothCorrect++;
      else correctToWrong++;
    } else if (b === t) wrongToCorrect++;
    else if (a === b) bothWrongSame++;
    else bothWrongDifferent++;
  }
  const correctA = bothCorrect + correctToWrong;
  const correctB = bothCorrect + wrongToCorrect;
  const changed = correctToWrong + wrongToCorrect + bothWrongDifferent;
  const ratio = (x: number, d: number) => (d > 0 ? x / d : NaN);
  return {
    evaluated,
    bothCorrect,
    bothWrongSame,
    bothWrongDifferent,
    correctToWrong,
    wrongToCorrect,
    changed,
    correctA,
    correctB,
    compared,
    comparedChanged,
    negativeFlipRate: ratio(correctToWrong, evaluated),
    positiveFlipRate: ratio(wrongToCorrect, evaluated),
    negativeFlipShareOfCorrectA: ratio(correctToWrong, correctA),
    positiveFlipShareOfWrongA: ratio(wrongToCorrect, evaluated - correctA),
    changedRate: ratio(changed, evaluated),
  };
}
