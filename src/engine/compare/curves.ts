import { scoresByClass } from '../metrics/binary';
import type { ThresholdStats } from './threshold';

type Floats = Float32Array | Float64Array;
type Labels01 = Uint8Array | Int32Array;

/**
 * Every distinct operating point of a score, from the highest threshold down: at thresholds[k]
 * a row is flagged when its score ≥ it (the convention of thresholdStats and scikit-learn), and
 * tp[k] / fp[k] count the flagged positives / negatives. The first point is the threshold +∞
 * (nothing flagged), as scikit-learn's roc_curve starts since 1.3.
 */
export interface OperatingCurve {
  thresholds: Float64Array;
  tp: Float64Array;
  fp: Float64Array;
  nPos: number;
  nNeg: number;
}

/**
 * The full curve behind ROC and precision–recall: rows with a 0/1 label and a score (inside the
 * mask), each class sorted once (scoresByClass), then one merge from the top score down.
 */
export function operatingCurve(labels01: Labels01, score: Floats, mask?: Uint8Array) {
  const { pos, neg } = scoresByClass(labels01, score, mask);
  const nPos = pos.length;
  const nNeg = neg.length;
  const cap = nPos + nNeg + 1;
  const thresholds = new Float64Array(cap);
  const tp = new Float64Array(cap);
  const fp = new Float64Array(cap);
  thresholds[0] = Infinity;
  let k = 1;
  let i = nPos - 1;
  let j = nNeg - 1;
  while (i >= 0 || j >= 0) {
    const t = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i] === t) i--;
    while (j >= 0 && neg[j] === t) j--;
    thresholds[k] = t;
    tp[k] = nPos - 1 - i;
    fp[k] = nNeg - 1 - j;
    k++;
  }
  return {
    thresholds: thresholds.slice(0, k),
    tp: tp.slice(0, k),
    fp: fp.slice(0, k),
    nPos,
    nNeg,
  } satisfies OperatingCurve;
}

/** ROC-AUC as the trapezoid under (FPR, TPR): equal to rocAuc's Mann–Whitney U, ties included. */
export function curveAuc(c: OperatingCurve): number {
  if (c.nPos === 0 || c.nNeg === 0) return NaN;
  let twice = 0;
  for (let k = 1; k < c.tp.length; k++) {
    twice += (c.fp[k]! - c.fp[k - 1]!) * (c.tp[k]! + c.tp[k - 1]!);
  }
  return twice / (2 * c.nPos * c.nNeg);
}

/** Average precision from the curve: Σ (R_k − R_{k−1}) · P_k, scikit-learn's step sum. */
export function curveAp(c: OperatingCurve): number {
  if (c.nPos === 0) return NaN;
  let sum = 0;
  for (let k = 1; k < c.tp.length; k++) {
    const gained = c.tp[k]! - c.tp[k - 1]!;
    if (gained > 0) sum += (gained * c.tp[k]!) / (c.tp[k]! + c.fp[k]!);
  }
  return sum / c.nPos;
}

export interface CurveLine {
  x: number[];
  y: number[];
  /** The threshold of each point (+∞ for the first ROC point, NaN for PR's recall-0 end). */
  threshold: number[];
}

/**
 * Keeps the points at least `step` apart along the curve (L1 in the plot's unit square), plus
 * the first and last, so a million thresholds draw as a few hundred points of the same shape.
 */
function thin(xs: Float64Array, ys: Float64Array, ts: Float64Array, maxPoints: number): CurveLine {
  const m = xs.length;
  let length = 0;
  for (let k = 1; k < m; k++) {
    length += Math.abs(xs[k]! - xs[k - 1]!) + Math.abs(ys[k]! - ys[k - 1]!);
  }
  const step = length / Math.max(1, maxPoints - 2);
  const out: CurveLine = { x: [], y: [], threshold: [] };
  let since = Infinity;
  for (let k = 0; k < m; k++) {
    if (k > 0) since += Math.abs(xs[k]! - xs[k - 1]!) + Math.abs(ys[k]! - ys[k - 1]!);
    if (since >= step || k === m - 1) {
      out.x.push(xs[k]!);
      out.y.push(ys[k]!);
      out.threshold.push(ts[k]!);
      since = 0;
    }
  }
  return out;
}

/** (FPR, TPR) per threshold, downsampled to about maxPoints. */
export function rocLine(c: OperatingCurve, maxPoints: number): CurveLine {
  const m = c.tp.length;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    fpr[k] = c.nNeg > 0 ? c.fp[k]! / c.nNeg : NaN;
    tpr[k] = c.nPos > 0 ? c.tp[k]! / c.nPos : NaN;
  }
  return thin(fpr, tpr, c.thresholds, maxPoints);
}

/**
 * (recall, precision) per threshold from the top score down, starting with scikit-learn's end
 * point (recall 0, precision 1; threshold NaN), downsampled to about maxPoints. Drawn as steps,
 * its area is the average precision.
 */
export function prLine(c: OperatingCurve, maxPoints: number): CurveLine {
  const m = c.tp.length;
  const recall = new Float64Array(m);
  const precision = new Float64Array(m);
  const ts = c.thresholds.slice();
  recall[0] = 0;
  precision[0] = 1;
  ts[0] = NaN;
  for (let k = 1; k < m; k++) {
    recall[k] = c.nPos > 0 ? c.tp[k]! / c.nPos : NaN;
    precision[k] = c.tp[k]! / (c.tp[k]! + c.fp[k]!);
  }
  return thin(recall, precision, ts, maxPoints);
}

/**
 * The index of the curve point whose false positives are closest to `target` (ties to the
 * higher threshold, i.e. fewer alerts), as matchOperatingPoint chooses, read off the curve so
 * the mark lies on the drawn line and no second sort is needed. -1 on an empty curve.
 */
export function pointAtFalsePositives(c: OperatingCurve, target: number): number {
  let best = -1;
  let bestDiff = Infinity;
  // fp only grows along the curve: stop once past the target by more than the best miss.
  for (let k = 1; k < c.fp.length; k++) {
    const diff = c.fp[k]! - target;
    if (diff > bestDiff) break;
    if (Math.abs(diff) < bestDiff) {
      bestDiff = Math.abs(diff);
      best = k;
    }
  }
  return best;
}

/** A point of a curve as rates: the threshold, FPR, TPR (recall) and precision there. */
export interface CurveRates {
  threshold: number;
  fpr: number;
  tpr: number;
  precision: number;
}

/** The curve's point with the false positives closest to `fp` (the baseline's), as rates. */
export function matchedMark(c: OperatingCurve, fp: number): CurveRates | null {
  const k = pointAtFalsePositives(c, fp);
  if (k < 0) return null;
  const tp = c.tp[k]!;
  const f = c.fp[k]!;
  const ratio = (x: number, d: number) => (d > 0 ? x / d : NaN);
  return {
    threshold: c.thresholds[k]!,
    fpr: ratio(f, c.nNeg),
    tpr: ratio(tp, c.nPos),
    precision: ratio(tp, tp + f),
  };
}

/** A version's point at its own threshold, as rates; null when nothing was labelled. */
export function thresholdMark(s: ThresholdStats): CurveRates | null {
  return Number.isNaN(s.threshold) || s.labelled === 0
    ? null
    : { threshold: s.threshold, fpr: s.fpr, tpr: s.tpr, precision: s.precision };
}
