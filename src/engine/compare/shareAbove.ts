import { checkLengths } from '../metrics/checkLengths';
import { mcnemar, type McNemarResult } from '../stats/mcnemar';
import { wilson } from '../stats/wilson';

type Floats = Float32Array | Float64Array;

export interface ShareAbove {
  /** Rows with a score, and those strictly above the threshold. */
  n: number;
  above: number;
  share: number;
  /** 95% Wilson interval of the share. */
  lo: number;
  hi: number;
}

/** Share of scored rows with score > t (strictly: "above 0.7" excludes 0.7 itself). */
export function shareAbove(score: Floats, t: number, mask?: Uint8Array): ShareAbove {
  checkLengths(score.length, score, mask);
  let n = 0;
  let above = 0;
  for (let i = 0; i < score.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = score[i]!;
    if (s !== s) continue;
    n++;
    if (s > t) above++;
  }
  const { lo, hi } = wilson(above, n);
  return { n, above, share: n > 0 ? above / n : NaN, lo, hi };
}

export interface ShareAboveChange {
  /** Rows where both versions have a score. */
  n: number;
  aboveA: number;
  aboveB: number;
  shareA: number;
  shareB: number;
  /** shareB − shareA, as a fraction (0.01 = one point). */
  delta: number;
  /** Rows above under A only (moved down across t) and under B only (moved up across t). */
  crossedDown: number;
  crossedUp: number;
  /** McNemar on (above under A, above under B): b = crossedDown, c = crossedUp. */
  test: McNemarResult;
}

/**
 * Change in the share of scores above t between versions over the same rows, for release rules
 * such as "the share above 0.7 must not rise by more than 1 point". Each row gives a pair of
 * binary outcomes, so the test of "no change" is McNemar's on the rows that crossed t.
 */
export function shareAboveChange(
  scoreA: Floats,
  scoreB: Floats,
  t: number,
  mask?: Uint8Array,
): ShareAboveChange {
  checkLengths(scoreA.length, scoreB, mask);
  let n = 0;
  let aboveA = 0;
  let aboveB = 0;
  let crossedDown = 0;
  let crossedUp = 0;
  for (let i = 0; i < scoreA.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const a = scoreA[i]!;
    const b = scoreB[i]!;
    if (a !== a || b !== b) continue;
    n++;
    const ua = a > t;
    const ub = b > t;
    if (ua) aboveA++;
    if (ub) aboveB++;
    if (ua && !ub) crossedDown++;
    else if (ub && !ua) crossedUp++;
  }
  const shareA = n > 0 ? aboveA / n : NaN;
  const shareB = n > 0 ? aboveB / n : NaN;
  return {
    n,
    aboveA,
    aboveB,
    shareA,
    shareB,
    delta: shareB - shareA,
    crossedDown,
    crossedUp,
    test: mcnemar(crossedDown, crossedUp),
  };
}

/**
 * Per-row outcome "score > t" (1/0, 2 when the score is missing), for a bootstrap interval of
 * the change via stats/pairedProportionStatistic.
 */
export function aboveOutcome(score: Floats, t: number): Uint8Array {
  const out = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    out[i] = s !== s ? 2 : s > t ? 1 : 0;
  }
  return out;
}
