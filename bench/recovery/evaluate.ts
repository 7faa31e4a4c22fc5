// Runs the slice finder on planted sets and scores what it recovered (see bench/recovery.mjs).
import {
  binColumn,
  buildTarget,
  searchSlices,
  sliceRows,
  type SearchOutcome,
  type TargetInput,
} from '../../src/engine/slices';
import { plant } from './plant';

export interface Setting {
  mode: 'regression' | 'failure';
  size: number;
  effect: number;
}

export interface SettingResult extends Setting {
  runs: number;
  /** Planted slices over all runs, and how many were recovered (significant, anywhere). */
  planted: number;
  recovered: number;
  /** Planted slices ranked in the top 3 / top 5 of the list. */
  top3: number;
  /** Top-5 significant results mostly inside planted slices / all top-5 significant results. */
  hits5: number;
  reported5: number;
  /** Results in the top 5 that are a decoy. */
  decoysTop5: number;
  ms: number;
}

/**
 * A result recovers a planted slice when their row sets overlap with Jaccard ≥ this; a top-5
 * result is a true finding (precision) when at least this share of its rows is planted.
 */
const MATCH = 0.5;

function plantedShare(rows: Uint32Array, masks: Uint8Array[]): number {
  let k = 0;
  for (let r = 0; r < rows.length; r++) if (masks.some((m) => m[rows[r]!] === 1)) k++;
  return k / rows.length;
}

function jaccard(rows: Uint32Array, mask: Uint8Array): number {
  let inter = 0;
  let size = 0;
  for (let i = 0; i < mask.length; i++) size += mask[i]!;
  for (let r = 0; r < rows.length; r++) inter += mask[rows[r]!]!;
  return inter / (rows.length + size - inter);
}

function finish(gen: Generator<unknown, SearchOutcome, void>): SearchOutcome {
  for (;;) {
    const s = gen.next();
    if (s.done) return s.value;
  }
}

export function runSetting(s: Setting, n: number, seeds: number[]): SettingResult {
  const out: SettingResult = {
    ...s,
    runs: 0,
    planted: 0,
    recovered: 0,
    top3: 0,
    hits5: 0,
    reported5: 0,
    decoysTop5: 0,
    ms: 0,
  };
  for (const seed of seeds) {
    const data = plant({ n, seed, size: s.size, effect: s.effect });
    const features = data.columns.map((c) => binColumn(c, 5)!);
    const input: TargetInput =
      s.mode === 'regression'
        ? { mode: 'regression', correct: data.version, baseline: data.baseline, mask: null }
        : { mode: 'failure', correct: data.version, mask: null };
    const target = buildTarget(input);
    const t0 = performance.now();
    const minSize = Math.round(n * 0.0025);
    const res = finish(searchSlices(features, target, { minSize, maxConditions: 3 }));
    out.ms += performance.now() - t0;
    out.runs++;
    const rows = res.results.map((r) => sliceRows(r.conds, features, target));
    const matches = (mask: Uint8Array) => rows.map((x) => jaccard(x, mask) >= MATCH);
    for (const mask of data.planted) {
      const m = matches(mask);
      out.planted++;
      if (m.some((hit, k) => hit && res.results[k]!.q < 0.05)) out.recovered++;
      if (m.slice(0, 3).some((hit, k) => hit && res.results[k]!.q < 0.05)) out.top3++;
    }
    const decoy = data.decoys.map(matches);
    for (let k = 0; k < Math.min(5, res.results.length); k++) {
      if (decoy.some((d) => d[k])) out.decoysTop5++;
      if (res.results[k]!.q >= 0.05) continue;
      out.reported5++;
      if (plantedShare(rows[k]!, data.planted) >= MATCH) out.hits5++;
    }
  }
  return out;
}
