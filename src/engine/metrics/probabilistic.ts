import { checkLengths } from './checkLengths';

type Floats = Float32Array | Float64Array;
type Labels01 = Uint8Array | Int32Array;

/** Machine epsilon of the input's float type: sklearn (≥ 1.5) clips log-loss inputs by it. */
export function defaultEps(values: Floats): number {
  return values instanceof Float32Array ? 2 ** -23 : 2 ** -52;
}

/** −log p with p clipped to [eps, 1 − eps], so a confident miss costs a large finite amount. */
export function clippedNegLog(p: number, eps: number): number {
  return -Math.log(Math.min(1 - eps, Math.max(eps, p)));
}

/** Whether row i of a row-major n×k probability matrix is free of NaN. */
export function probsRowValid(probs: Floats, k: number, i: number): boolean {
  for (let j = i * k; j < i * k + k; j++) if (probs[j] !== probs[j]) return false;
  return true;
}

/** Σ_j (p_j − [j = label])² for one row. */
export function rowBrier(probs: Floats, k: number, i: number, label: number): number {
  let s = 0;
  for (let j = 0; j < k; j++) {
    const d = probs[i * k + j]! - (j === label ? 1 : 0);
    s += d * d;
  }
  return s;
}

/** Mean of `value(i)` over the rows the mask keeps, skipping rows where it is NaN; NaN if none. */
function meanOf(n: number, mask: Uint8Array | undefined, value: (i: number) => number): number {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const v = value(i);
    if (v !== v) continue;
    sum += v;
    count++;
  }
  return count > 0 ? sum / count : NaN;
}

function checkProbs(labels: Int32Array, probs: Floats, k: number, mask?: Uint8Array): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer: ${k}`);
  if (probs.length !== labels.length * k) {
    throw new RangeError(
      `probabilities hold ${probs.length} values, expected ${labels.length}×${k}`,
    );
  }
  if (mask !== undefined && mask.length !== labels.length) {
    throw new RangeError(`mask length ${mask.length} does not match ${labels.length} rows`);
  }
}

/**
 * Multiclass log loss: mean of −log p[label] over rows with a label in [0, k) and no NaN
 * probability; NaN when no row qualifies. As in current sklearn, probabilities are not
 * renormalized, only clipped to [eps, 1 − eps] (eps defaults to the float type's epsilon).
 */
export function logLoss(
  labels: Int32Array,
  probs: Floats,
  k: number,
  mask?: Uint8Array,
  eps = defaultEps(probs),
): number {
  checkProbs(labels, probs, k, mask);
  return meanOf(labels.length, mask, (i) => {
    const t = labels[i]!;
    return t < 0 || t >= k || !probsRowValid(probs, k, i)
      ? NaN
      : clippedNegLog(probs[i * k + t]!, eps);
  });
}

/**
 * Multiclass Brier score: mean over rows of Σ_j (p_j − onehot_j)², in [0, 2] (sklearn's
 * multiclass brier_score_loss). For k = 2 this is twice the binary Brier score of either column.
 */
export function brierScore(
  labels: Int32Array,
  probs: Floats,
  k: number,
  mask?: Uint8Array,
): number {
  checkProbs(labels, probs, k, mask);
  return meanOf(labels.length, mask, (i) => {
    const t = labels[i]!;
    return t < 0 || t >= k || !probsRowValid(probs, k, i) ? NaN : rowBrier(probs, k, i, t);
  });
}

/**
 * Binary log loss from the positive-class probability: −[y log s + (1 − y) log(1 − s)], s
 * clipped to [eps, 1 − eps]; labels 1/0, other labels and NaN scores skipped.
 */
export function binaryLogLoss(
  labels01: Labels01,
  score: Floats,
  mask?: Uint8Array,
  eps = defaultEps(score),
): number {
  checkLengths(labels01.length, score, mask);
  return meanOf(labels01.length, mask, (i) => {
    const l = labels01[i]!;
    const s = score[i]!;
    return (l !== 0 && l !== 1) || s !== s ? NaN : clippedNegLog(l === 1 ? s : 1 - s, eps);
  });
}

/** Binary Brier score: mean (s − y)² of the positive-class probability (sklearn's default). */
export function binaryBrierScore(labels01: Labels01, score: Floats, mask?: Uint8Array): number {
  checkLengths(labels01.length, score, mask);
  return meanOf(labels01.length, mask, (i) => {
    const l = labels01[i]!;
    const s = score[i]!;
    return (l !== 0 && l !== 1) || s !== s ? NaN : (s - l) * (s - l);
  });
}
