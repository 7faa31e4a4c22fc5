import type { EvalArrays } from '../data/prepare';
import {
  absoluteErrors,
  binaryBrierPerRow,
  binaryLogLossPerRow,
  brierPerRow,
  correctness,
  logLossPerRow,
  squaredErrors,
} from '../engine/metrics';

/** Per-row outcomes of one version, computed once per analysis and reused by every cohort. */
export interface PerRow {
  correct: Uint8Array | null;
  logLoss: Float64Array | null;
  brier: Float64Array | null;
  absErr: Float64Array | null;
  sqErr: Float64Array | null;
}

const cache = new WeakMap<EvalArrays, Map<string, PerRow>>();

/** 1 positive, 0 negative, 2 no label: the labels the binary kernels read. */
export function labels01(ev: EvalArrays): Uint8Array | null {
  if (!ev.label || ev.task !== 'binary') return null;
  const out = new Uint8Array(ev.n);
  for (let i = 0; i < ev.n; i++) {
    const l = ev.label[i]!;
    out[i] = l < 0 ? 2 : l === ev.positive ? 1 : 0;
  }
  return out;
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
    if (v.pred) out.correct = correctness(ev.label, v.pred);
    const k = ev.classes.length;
    const bin = labels01(ev);
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
