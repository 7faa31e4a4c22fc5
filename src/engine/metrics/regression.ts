import { checkLengths } from './checkLengths';

export interface RegressionSummary {
  n: number;
  mae: number;
  rmse: number;
  r2: number;
  /** mean(yhat − y): positive when the model over-predicts. */
  meanError: number;
}

/**
 * Error summary over rows where both y and yhat are numbers (NaN rows are skipped).
 * R² follows sklearn's r2_score: NaN with fewer than two rows; when y is constant, 1 for a
 * perfect fit and 0 otherwise (force_finite) rather than ±Infinity.
 */
export function regressionSummary(
  y: Float64Array | Float32Array,
  yhat: Float64Array | Float32Array,
  mask?: Uint8Array,
): RegressionSummary {
  const len = y.length;
  checkLengths(len, yhat, mask);
  let n = 0;
  let sumY = 0;
  let sumErr = 0;
  let sumAbs = 0;
  let sumSq = 0;
  for (let i = 0; i < len; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const t = y[i]!;
    const h = yhat[i]!;
    if (t !== t || h !== h) continue;
    const e = h - t;
    n++;
    sumY += t;
    sumErr += e;
    sumAbs += Math.abs(e);
    sumSq += e * e;
  }
  if (n === 0) return { n, mae: NaN, rmse: NaN, r2: NaN, meanError: NaN };

  // Second pass around the mean: the one-pass sum-of-squares formula cancels catastrophically
  // when y has a large offset relative to its spread.
  const meanY = sumY / n;
  let ssTot = 0;
  for (let i = 0; i < len; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const t = y[i]!;
    const h = yhat[i]!;
    if (t !== t || h !== h) continue;
    const d = t - meanY;
    ssTot += d * d;
  }
  let r2: number;
  if (n < 2) r2 = NaN;
  else if (ssTot === 0) r2 = sumSq === 0 ? 1 : 0;
  else r2 = 1 - sumSq / ssTot;
  return { n, mae: sumAbs / n, rmse: Math.sqrt(sumSq / n), r2, meanError: sumErr / n };
}
