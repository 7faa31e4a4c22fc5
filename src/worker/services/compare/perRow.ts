import type { EvalArrays } from '../../../data/prepare';
import {
  absoluteErrors,
  binaryBrierPerRow,
  binaryLogLossPerRow,
  brierPerRow,
  correctness,
  logLossPerRow,
  squaredErrors,
} from '../../../engine/metrics';
import { labels01Of } from './chartScores';

/** Per-row outcomes of one version, computed once and reused by every cohort. */
export interface PerRow {
  correct: Uint8Array | null;
  logLoss: Float64Array | null;
  brier: Float64Array | null;
  absErr: Float64Array | null;
  sqErr: Float64Array | null;
}

const cache = new WeakMap<EvalArrays, Map<string, PerRow>>();
// Keyed by the arrays they are computed from, so a threshold edit (new predictions, same
// scores) recomputes correctness only, not the log loss of a million rows.
const byPrediction = new WeakMap<Int32Array, WeakMap<Int32Array, Uint8Array>>();
const byScore = new WeakMap<object, WeakMap<object, Pick<PerRow, 'logLoss' | 'brier'>>>();

function memo<K extends object, L extends object, V>(
  m: WeakMap<K, WeakMap<L, V>>,
  a: K,
  b: L,
  f: () => V,
): V {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new WeakMap()));
  let v = inner.get(b);
  if (v === undefined) inner.set(b, (v = f()));
  return v;
}

export function perRowOf(ev: EvalArrays, version: string): PerRow {
  let byVersion = cache.get(ev);
  if (!byVersion) cache.set(ev, (byVersion = new Map()));
  const hit = byVersion.get(version);
  if (hit) return hit;
  const v = ev.versions.find((x) => x.name === version);
  const out: PerRow = { correct: null, logLoss: null, brier: null, absErr: null, sqErr: null };
  if (v && ev.task === 'regression') {
    if (ev.y && v.yhat) {
      out.absErr = absoluteErrors(ev.y, v.yhat);
      out.sqErr = squaredErrors(ev.y, v.yhat);
    }
  } else if (v && ev.label) {
    const label = ev.label;
    const pred = v.pred;
    // On first read: Compare's points take McNemar's counts from the flips pass, so a threshold
    // edit does not pay a pass over a million rows for an array only the slice finder reads.
    if (pred)
      Object.defineProperty(out, 'correct', {
        get: () => memo(byPrediction, label, pred, () => correctness(label, pred)),
        enumerable: true,
      });
    const k = ev.classes.length;
    const bin = labels01Of(ev);
    const score = v.score;
    const probs = v.probs;
    if (bin && score) {
      Object.assign(
        out,
        memo(byScore, bin, score, () => ({
          logLoss: binaryLogLossPerRow(bin, score),
          brier: binaryBrierPerRow(bin, score),
        })),
      );
    } else if (probs) {
      Object.assign(
        out,
        memo(byScore, label, probs, () => ({
          logLoss: logLossPerRow(label, probs, k),
          brier: brierPerRow(label, probs, k),
        })),
      );
    }
  }
  byVersion.set(version, out);
  return out;
}
