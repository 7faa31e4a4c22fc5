import type { EvalArrays } from '../../data/prepare';
import { thresholdPredictions } from '../../engine/compare/predictions';

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

function predictionsAt(score: Floats, t: number, positive: number, negative: number): Int32Array {
  const hit = lastPredictions.get(score);
  if (hit && hit.t === t && hit.positive === positive && hit.negative === negative) return hit.pred;
  const pred = thresholdPredictions(score, t, positive, negative);
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
