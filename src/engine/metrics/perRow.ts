import { checkLengths } from './checkLengths';
import { clippedNegLog, defaultEps, probsRowValid, rowBrier } from './probabilistic';

// Per-row values whose mean is a metric, for the bootstrap (stats/meanStatistic,
// stats/proportionStatistic). Full-length arrays aligned with the dataset's rows, so a worker can
// build them once per version and reuse them for every cohort. Nulls: NaN, or 2 for outcomes.

type Floats = Float32Array | Float64Array;
type Labels01 = Uint8Array | Int32Array;

/** 1 = prediction equals label, 0 = differs, 2 = label or prediction missing (negative code). */
export function correctness(labels: Int32Array, preds: Int32Array): Uint8Array {
  checkLengths(labels.length, preds, undefined);
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = preds[i]!;
    out[i] = t < 0 || p < 0 ? 2 : t === p ? 1 : 0;
  }
  return out;
}

/** |yhat − y| (MAE's terms); NaN where either is missing. */
export function absoluteErrors(y: Floats, yhat: Floats): Float64Array {
  checkLengths(y.length, yhat, undefined);
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = Math.abs(yhat[i]! - y[i]!);
  return out;
}

/** (yhat − y)² (RMSE's terms, with meanStatistic's sqrt option); NaN where either is missing. */
export function squaredErrors(y: Floats, yhat: Floats): Float64Array {
  checkLengths(y.length, yhat, undefined);
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const e = yhat[i]! - y[i]!;
    out[i] = e * e;
  }
  return out;
}

/** Per-row multiclass log loss (same clipping as logLoss); NaN where logLoss skips the row. */
export function logLossPerRow(
  labels: Int32Array,
  probs: Floats,
  k: number,
  eps = defaultEps(probs),
): Float64Array {
  const out = new Float64Array(labels.length).fill(NaN);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    if (t >= 0 && t < k && probsRowValid(probs, k, i)) {
      out[i] = clippedNegLog(probs[i * k + t]!, eps);
    }
  }
  return out;
}

/** Per-row multiclass Brier term Σ_j (p_j − onehot_j)²; NaN where brierScore skips the row. */
export function brierPerRow(labels: Int32Array, probs: Floats, k: number): Float64Array {
  const out = new Float64Array(labels.length).fill(NaN);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    if (t >= 0 && t < k && probsRowValid(probs, k, i)) out[i] = rowBrier(probs, k, i, t);
  }
  return out;
}

/** Per-row binary log loss of a positive-class probability; NaN for other labels or no score. */
export function binaryLogLossPerRow(
  labels01: Labels01,
  score: Floats,
  eps = defaultEps(score),
): Float64Array {
  checkLengths(labels01.length, score, undefined);
  const out = new Float64Array(labels01.length).fill(NaN);
  for (let i = 0; i < labels01.length; i++) {
    const l = labels01[i]!;
    const s = score[i]!;
    if ((l === 0 || l === 1) && s === s) out[i] = clippedNegLog(l === 1 ? s : 1 - s, eps);
  }
  return out;
}

/** Per-row binary Brier term (s − y)²; NaN for other labels or no score. */
export function binaryBrierPerRow(labels01: Labels01, score: Floats): Float64Array {
  checkLengths(labels01.length, score, undefined);
  const out = new Float64Array(labels01.length).fill(NaN);
  for (let i = 0; i < labels01.length; i++) {
    const l = labels01[i]!;
    const s = score[i]!;
    if ((l === 0 || l === 1) && s === s) out[i] = (s - l) * (s - l);
  }
  return out;
}

/** 1 for the positive class, 0 for the other, 2 for no label: the labels the binary kernels read. */
export function binaryLabels(label: Int32Array, positive: number): Uint8Array {
  const out = new Uint8Array(label.length);
  for (let i = 0; i < label.length; i++) {
    const l = label[i]!;
    out[i] = l < 0 ? 2 : l === positive ? 1 : 0;
  }
  return out;
}
