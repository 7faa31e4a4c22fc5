import { checkLengths } from './checkLengths';

type Floats = Float32Array | Float64Array;

export interface ReliabilityBins {
  /** Rows per bin. */
  count: Float64Array;
  /** Mean confidence (multiclass: max probability; binary: positive-class probability); NaN if empty. */
  meanConfidence: Float64Array;
  /** Multiclass: share of the bin's rows whose argmax is the label. Binary: share of positives. NaN if empty. */
  accuracy: Float64Array;
}

export interface Calibration {
  /** Rows binned. */
  n: number;
  /** Expected calibration error Σ_b (n_b / n)·|accuracy_b − confidence_b|; NaN when n = 0. */
  ece: number;
  bins: ReliabilityBins;
  /** Rows skipped because their confidence lies outside [0, 1] (scores that are not probabilities). */
  outOfRange: number;
}

/**
 * Equal-width bins over [0, 1]: bin b holds confidences in [b/B, (b+1)/B), the last bin also
 * takes 1. The index is floor(c·B) (capped at B − 1), so a confidence within rounding of an edge
 * may land on either side of it.
 */
function binOf(c: number, bins: number): number {
  return Math.min(bins - 1, Math.floor(c * bins));
}

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer`);
}

function finish(
  sumConf: Float64Array,
  hits: Float64Array,
  count: Float64Array,
  outOfRange: number,
) {
  const bins = count.length;
  const meanConfidence = new Float64Array(bins);
  const accuracy = new Float64Array(bins);
  let n = 0;
  let gap = 0;
  for (let b = 0; b < bins; b++) {
    const c = count[b]!;
    n += c;
    meanConfidence[b] = c > 0 ? sumConf[b]! / c : NaN;
    accuracy[b] = c > 0 ? hits[b]! / c : NaN;
    if (c > 0) gap += c * Math.abs(accuracy[b]! - meanConfidence[b]!);
  }
  const ece = n > 0 ? gap / n : NaN;
  return { n, ece, bins: { count, meanConfidence, accuracy }, outOfRange };
}

/**
 * Multiclass reliability: confidence = the largest probability, correct = its class (the first
 * one on ties, like the argmax predictions in data/prepare) equals the label. Rows with a label
 * outside [0, k) or any NaN probability are skipped.
 */
export function calibration(
  labels: Int32Array,
  probs: Floats,
  k: number,
  bins = 15,
  mask?: Uint8Array,
): Calibration {
  checkBins(bins);
  if (probs.length !== labels.length * k) throw new RangeError('probabilities are not n×k');
  if (mask !== undefined && mask.length !== labels.length) throw new RangeError('mask length');
  const sumConf = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  let outOfRange = 0;
  rows: for (let i = 0; i < labels.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const t = labels[i]!;
    if (t < 0 || t >= k) continue;
    let best = 0;
    let conf = -Infinity;
    for (let j = 0; j < k; j++) {
      const v = probs[i * k + j]!;
      if (v !== v) continue rows;
      if (v > conf) {
        conf = v;
        best = j;
      }
    }
    if (!(conf >= 0 && conf <= 1)) {
      outOfRange++;
      continue;
    }
    const b = binOf(conf, bins);
    sumConf[b]! += conf;
    count[b]!++;
    if (best === t) hits[b]!++;
  }
  return finish(sumConf, hits, count, outOfRange);
}

/**
 * Binary reliability: the positive-class probability against the observed outcome (labels 1/0;
 * others and NaN scores skipped). Scores outside [0, 1] are counted in outOfRange, not binned.
 */
export function binaryCalibration(
  labels01: Uint8Array | Int32Array,
  score: Floats,
  bins = 15,
  mask?: Uint8Array,
): Calibration {
  checkBins(bins);
  checkLengths(labels01.length, score, mask);
  const sumConf = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  let outOfRange = 0;
  for (let i = 0; i < labels01.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const l = labels01[i]!;
    const s = score[i]!;
    if ((l !== 0 && l !== 1) || s !== s) continue;
    if (s < 0 || s > 1) {
      outOfRange++;
      continue;
    }
    const b = binOf(s, bins);
    sumConf[b]! += s;
    count[b]!++;
    hits[b]! += l;
  }
  return finish(sumConf, hits, count, outOfRange);
}
