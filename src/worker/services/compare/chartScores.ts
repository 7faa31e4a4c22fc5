import type { EvalArrays, VersionArrays } from '../../../data/prepare';
import type { Range } from '../../../engine/compare';
import { binaryLabels } from '../../../engine/metrics/perRow';
import type { ScoreKind } from '../../../protocol';

type Floats = Float32Array | Float64Array;

const confidences = new WeakMap<Float32Array, Float64Array>();
const binaryLabelCache = new WeakMap<Int32Array, Uint8Array>();

/** Largest probability per row (NaN when any probability is missing), cached per array. */
function confidenceOf(probs: Float32Array, k: number): Float64Array {
  let out = confidences.get(probs);
  if (out) return out;
  const n = probs.length / k;
  out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = 0; j < k; j++) {
      const v = probs[i * k + j]!;
      if (v !== v) {
        best = NaN;
        break;
      }
      if (v > best) best = v;
    }
    out[i] = best;
  }
  confidences.set(probs, out);
  return out;
}

export function scoreKindOf(ev: EvalArrays): ScoreKind {
  return ev.task === 'binary' ? 'score' : ev.task === 'multiclass' ? 'confidence' : 'prediction';
}

/** The version's score of `scoreKindOf(ev)`, or null when the version has none. */
export function scoreOf(ev: EvalArrays, v: VersionArrays): Floats | null {
  if (ev.task === 'binary') return v.score;
  if (ev.task === 'regression') return v.yhat;
  return v.probs ? confidenceOf(v.probs, ev.classes.length) : null;
}

/** Axis title for a score kind, e.g. "score (P(delayed = 1))". */
export function scoreAxis(ev: EvalArrays): string {
  if (ev.task === 'binary') return `score: probability of “${ev.classes[ev.positive] ?? '?'}”`;
  if (ev.task === 'multiclass') return 'confidence: probability of the predicted class';
  return 'predicted value';
}

/** 1 = positive class, 0 = the other, 2 = no label: what threshold and calibration code reads. */
export function labels01Of(ev: EvalArrays): Uint8Array | null {
  const label = ev.label;
  if (!label || ev.task !== 'binary') return null;
  let out = binaryLabelCache.get(label);
  if (out) return out;
  out = binaryLabels(label, ev.positive);
  binaryLabelCache.set(label, out);
  return out;
}

// Each column's smallest and largest value (NaN skipped), kept per array: every chart request
// (and every threshold edit, whose thresholds the range includes) would scan a million rows again.
const extents = new WeakMap<Floats, { lo: number; hi: number }>();
function extentOf(c: Floats): { lo: number; hi: number } {
  let e = extents.get(c);
  if (e) return e;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < c.length; i++) {
    const v = c[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  extents.set(c, (e = { lo, hi }));
  return e;
}

/**
 * A shared range for overlays. Probabilities start at 0 and end at the first tenth above the
 * largest value (flights' scores stay under 0.7, so a 0–1 axis would waste a third of the plot),
 * so thresholds and shares read off the same axis in every chart. Other values: min to max.
 */
export function sharedRange(cols: Floats[], kind: ScoreKind, include: number[] = []): Range {
  let lo = Infinity;
  let hi = -Infinity;
  // Values the axis must show besides the data (thresholds drawn on it).
  for (const v of include) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  for (const c of cols) {
    const e = extentOf(c);
    if (e.lo < lo) lo = e.lo;
    if (e.hi > hi) hi = e.hi;
  }
  if (lo > hi) return { lo: 0, hi: 1 };
  if (kind !== 'prediction' && lo >= 0 && hi <= 1) {
    return { lo: 0, hi: Math.min(1, Math.max(0.1, Math.ceil(hi * 10 - 1e-9) / 10)) };
  }
  return lo === hi ? { lo: lo - 0.5, hi: hi + 0.5 } : { lo, hi };
}
