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

/** Per-row outcomes of one version, computed once per analysis and reused by every cohort. */
export interface PerRow {
  correct: Uint8Array | null;
  logLoss: Float64Array | null;
  brier: Float64Array | null;
  absErr: Float64Array | null;
  sqErr: Float64Array | null;
}

const cache = new WeakMap<EvalArrays, Map<string, PerRow>>();

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
    if (v.pred) out.correct = correctness(ev.label, v.pred);
    const k = ev.classes.length;
    const bin = labels01Of(ev);
    if (bin && v.score) {
      out.logLoss = binaryLogLossPerRow(bin, v.score);
      out.brier = binaryBrierPerRow(bin, v.score);
    } else if (v.probs) {
      out.logLoss = logLossPerRow(ev.label, v.probs, k);
      out.brier = brierPerRow(ev.label, v.probs, k);
    }
  }
  byVersion.set(version, out);
  return out;
}
