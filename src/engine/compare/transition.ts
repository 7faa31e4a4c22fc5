import { checkLengths } from '../metrics/checkLengths';
import { confusionMatrix } from '../metrics/classification';

/**
 * k×k counts of A's prediction (row) → B's prediction (column), row-major; rows where either
 * prediction is outside [0, k) are skipped. The diagonal is "unchanged".
 */
export function transitionMatrix(
  predA: Int32Array,
  predB: Int32Array,
  k: number,
  mask?: Uint8Array,
): Float64Array {
  return confusionMatrix(predA, predB, k, mask);
}

/** Each row divided by its sum; rows with no counts become NaN (no rows, not "0%"). */
export function rowNormalize(m: Float64Array, k: number): Float64Array {
  if (m.length !== k * k) throw new RangeError(`matrix is not ${k}×${k}`);
  const out = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += m[r * k + c]!;
    for (let c = 0; c < k; c++) out[r * k + c] = s > 0 ? m[r * k + c]! / s : NaN;
  }
  return out;
}

export interface ConfusionDelta {
  /** Rows counted: label and both predictions in [0, k). */
  n: number;
  /** Confusion matrices (row = true class, column = predicted), row-major k×k. */
  a: Float64Array;
  b: Float64Array;
  /** b − a. Rows sum to 0 because both matrices count the same rows. */
  delta: Float64Array;
  aNormalized: Float64Array;
  bNormalized: Float64Array;
  /** bNormalized − aNormalized (NaN for classes with no rows). */
  deltaNormalized: Float64Array;
}

/**
 * Confusion matrices of A and B over the same rows (those where the label and both predictions
 * are valid, so the difference is a like-for-like shift) and their difference B − A.
 */
export function confusionDelta(
  label: Int32Array,
  predA: Int32Array,
  predB: Int32Array,
  k: number,
  mask?: Uint8Array,
): ConfusionDelta {
  const len = label.length;
  checkLengths(len, predA, mask);
  checkLengths(len, predB, undefined);
  const a = new Float64Array(k * k);
  const b = new Float64Array(k * k);
  let n = 0;
  for (let i = 0; i < len; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const t = label[i]!;
    const pa = predA[i]!;
    const pb = predB[i]!;
    if (t < 0 || t >= k || pa < 0 || pa >= k || pb < 0 || pb >= k) continue;
    a[t * k + pa]!++;
    b[t * k + pb]!++;
    n++;
  }
  const delta = new Float64Array(k * k);
  for (let j = 0; j < k * k; j++) delta[j] = b[j]! - a[j]!;
  const aNormalized = rowNormalize(a, k);
  const bNormalized = rowNormalize(b, k);
  const deltaNormalized = new Float64Array(k * k);
  for (let j = 0; j < k * k; j++) deltaNormalized[j] = bNormalized[j]! - aNormalized[j]!;
  return { n, a, b, delta, aNormalized, bNormalized, deltaNormalized };
}
