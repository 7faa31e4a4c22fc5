import type { EvalArrays } from '../../data/prepare';
import { thresholdPredictions } from '../../engine/compare/predictions';
import { lowerBound, scoreIndex } from '../../engine/compare/scoreIndex';

type Floats = Float32Array | Float64Array;

/**
 * The last predictions derived from each score column: a threshold edit of one version keeps the
 * other versions' prediction arrays, so what is cached by them (per-row correctness) stays valid.
 */
const lastPredictions = new WeakMap<
  Floats,
  { t: number; positive: number; negative: number; pred: Int32Array }
>();

/** What each derived prediction array is: its score at a threshold (see derivedFrom). */
const derived = new WeakMap<Int32Array, { score: Floats; t: number; positive: number }>();

/**
 * How a derived prediction array differs from the one derived before it from the same score:
 * `rows` (a slice of the score's sorted index) are the only rows whose class is not the same as
 * in `from`. Counts kept for `from` (Compare's flips) are patched over these rows instead of a
 * pass over every row (issue 15). Only one step back is kept: `from` loses its own link, so a
 * chain of edits does not keep every older array alive.
 */
export interface PredictionDelta {
  from: Int32Array;
  rows: Uint32Array;
}
const deltas = new WeakMap<Int32Array, PredictionDelta>();

function predictionsAt(score: Floats, t: number, positive: number, negative: number): Int32Array {
  const hit = lastPredictions.get(score);
  if (hit && hit.t === t && hit.positive === positive && hit.negative === negative) return hit.pred;
  let pred: Int32Array | null = null;
  if (hit && hit.positive === positive && hit.negative === negative) {
    // Rows whose score lies in [min(t, old), max(t, old)) change class; no other row does, and
    // NaN scores (not in the index) stay −1. The index is built by the warm-up after the analysis.
    // A copy and the patch cost less than a pass even when most rows change (1M rows: 0.4 ms at
    // 1% of them, 2.4 ms at 86%, a pass 3.6 ms).
    const { sorted, order } = scoreIndex(score);
    const lo = lowerBound(sorted, Math.min(t, hit.t));
    const hi = lowerBound(sorted, Math.max(t, hit.t));
    pred = hit.pred.slice();
    const rows = order.subarray(lo, hi);
    const to = t < hit.t ? positive : negative;
    for (let k = 0; k < rows.length; k++) pred[rows[k]!] = to;
    deltas.delete(hit.pred);
    deltas.set(pred, { from: hit.pred, rows });
  }
  pred ??= thresholdPredictions(score, t, positive, negative);
  lastPredictions.set(score, { t, positive, negative, pred });
  derived.set(pred, { score, t, positive });
  return pred;
}

/**
 * The score and threshold a prediction array was derived from here (score ≥ t → `positive`, the
 * other class below, −1 where the score is NaN), or undefined for a prediction column of the
 * file: its confusion counts are then a lookup in the score's sorted index (issue 15).
 */
export function derivedFrom(
  pred: Int32Array,
): { score: Floats; t: number; positive: number } | undefined {
  return derived.get(pred);
}

/** The array `pred` was patched from and the rows that differ, if it was (see PredictionDelta). */
export function deltaOf(pred: Int32Array): PredictionDelta | undefined {
  return deltas.get(pred);
}

/** The threshold the page shows for a version that has none set (state/compareStore.ts). */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * Binary task: the predictions of a scored version at the default threshold, derived ahead of
 * the first edit (the warm-up after an analysis), so that edit is a patch of these. Null when the
 * version has no score, or something was derived from its score already.
 */
export function predictionsAtDefault(ev: EvalArrays, version: string): Int32Array | null {
  const v = ev.versions.find((x) => x.name === version);
  if (ev.task !== 'binary' || ev.classes.length !== 2 || !v?.score) return null;
  if (lastPredictions.has(v.score)) return null;
  return predictionsAt(v.score, DEFAULT_THRESHOLD, ev.positive, ev.positive === 0 ? 1 : 0);
}

/**
 * Binary task: a version with a score gets its predicted class from the user's threshold for it.
 * Versions without an explicit threshold keep their prediction column (or score ≥ 0.5).
 */
export function applyThresholds(ev: EvalArrays, thresholds: Record<string, number>): EvalArrays {
  if (ev.task !== 'binary' || ev.classes.length !== 2) return ev;
  const negative = ev.positive === 0 ? 1 : 0;
  const versions = ev.versions.map((v) => {
    const t = Object.hasOwn(thresholds, v.name) ? thresholds[v.name] : undefined;
    if (t === undefined || !Number.isFinite(t) || !v.score) return v;
    return { ...v, pred: predictionsAt(v.score, t, ev.positive, negative) };
  });
  return { ...ev, versions };
}

/** Whether two threshold settings are the same (same versions, same values). */
export function sameThresholds(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
}
