import { POISSON16, resampleKey } from './poisson';
import type { RankedScore } from './poissonPasses';
import {
  fillPair,
  groupCodes,
  groupMean,
  groupScatter,
  groupScatterHashed,
  groupSweep,
  hashPair,
  meanPass,
  proportionPass,
  rankPass,
  singlesPass,
  valuesByGroup,
} from './poissonPasses';
import { SIMD_PAIRS, type SimdPlan, simdPlan } from './simd/poissonSimd';

/**
 * Bootstrap replicates of many statistics at once with Poisson(1) row weights (./poisson):
 * resamples go in pairs (one 32-bit hash per row gives both weights). Per pair, the cohort's
 * rows are hashed once into two byte arrays of weights; every proportion and mean is a short
 * loop over them, and so is every score with few tie groups (its weights summed per group in row
 * order, then AUC and AP from a walk over the groups); a score with many distinct values gets a
 * pass of its own in score order (./poissonPasses: row by row when most rows are their own tie
 * group, as continuous scores are; group by group otherwise). Nothing of size rows × resamples
 * is stored, and because a weight depends only on (seed, resample, row), two versions'
 * replicates of the same resample are paired: their difference is the paired bootstrap of the
 * difference.
 * (Blocks of 8–16 resamples per pass with per-resample sums in typed arrays were 2–3× slower in
 * V8: the sums did not stay in registers. One pass per pair summing every mean into a typed
 * array per row was the slowest part at 1M rows, issue 15.)
 * Where WebAssembly SIMD is available, the row-order proportions and means and the scores'
 * own passes run in it instead (./simd): eight resamples per pass, one lane each, the same
 * numbers bit for bit. Work is therefore handed out in blocks of SIMD_PAIRS pairs.
 */

// A module-local binding: test runners rewrite imported names into property reads, which cost
// several times the hot loops' own work.
const WEIGHT: Uint8Array = POISSON16;

export type { RankedScore };

export interface ReplicateInput {
  /** Cohort rows, ascending; null = every row 0..n−1. */
  rows: Uint32Array | null;
  n: number;
  /** Per-row outcomes: 1 success, 0 failure, anything else skipped (e.g. accuracy). */
  proportions: Uint8Array[];
  /** Per-row values, NaN skipped (log loss, Brier, absolute and squared errors). */
  means: (Float64Array | Float32Array)[];
  /** Scores for AUC and average precision. */
  ranked: RankedScore[];
}

export interface Replicates {
  /** One Float64Array of `resamples` replicates per input, in input order; NaN = undefined. */
  proportions: Float64Array[];
  means: Float64Array[];
  auc: Float64Array[];
  ap: Float64Array[];
}

export interface ReplicateOptions {
  /** Called between passes; when it returns a promise the work waits for it (giving way). */
  pause?: () => Promise<void> | null;
  /** Checked between passes: when true the work stops with a CancelledError. */
  cancelled?: () => boolean;
  /**
   * Called after each block with the resamples done so far and the replicates being filled (the
   * first `done` of each array are final: a caller can show intervals from them early; the
   * replicates are passed by poissonReplicates only).
   */
  progress?: (done: number, partial?: Replicates) => void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled: a newer request replaced this one');
    this.name = 'CancelledError';
  }
}

/**
 * Group sums of a score fit in cache up to this many tie groups (16 bytes each): below it the
 * score's AUC and AP come from the row-order weights (groupScatter); above it from a pass in
 * score order (rankPass). Both give the same numbers.
 */
const SCATTER_GROUPS = 1 << 17;

/**
 * Computes some blocks of resample pairs elsewhere (another thread): block p is pairs
 * SIMD_PAIRS·p … SIMD_PAIRS·p + SIMD_PAIRS − 1, i.e. resamples 2·SIMD_PAIRS·p onwards, its
 * replicates packed as packBlock writes them. A rejection hands the block back to this thread.
 */
export interface PairHelper {
  pair(p: number): Promise<Float64Array>;
  /** No more pairs will be asked for (done or stopped): the helper may drop its inputs. */
  close(): void;
}

/** Replicates of every input statistic over `resamples` Poisson resamples seeded by `seed`. */
export async function poissonReplicates(
  input: ReplicateInput,
  resamples: number,
  seed: number,
  options: ReplicateOptions & {
    /** A helper, or a function asked before every pair until it gives one (a late start). */
    helper?: PairHelper | null | (() => PairHelper | null);
    /** false: the JS passes only (the bench's A/B; the replicates are the same). */
    simd?: boolean;
    /**
     * Asked before each pair is handed to the helper: false keeps the helper idle (its pairs in
     * flight finish) while this thread goes on, e.g. while the page needs the second core.
     */
    helperWanted?: () => boolean;
  } = {},
): Promise<Replicates> {
  const out = emptyReplicates(input, resamples);
  const between = async () => {
    if (options.cancelled?.()) throw new CancelledError();
    const p = options.pause?.();
    if (p) await p;
    if (options.cancelled?.()) throw new CancelledError();
  };
  const plan = replicatePlan(input, { simd: options.simd ?? true });
  // Blocks of pairs are handed out in order, to this thread or to the helper (at most two queued
  // there), so both work until the last one; the replicates are reported done up to the first
  // block missing. A pair's weights depend only on (seed, pair), so who computes it does not
  // change a number.
  const pairs = Math.ceil(resamples / (2 * SIMD_PAIRS));
  const finished = new Uint8Array(pairs);
  const retry: number[] = [];
  let next = 0;
  let prefix = 0;
  const claim = () => retry.shift() ?? (next < pairs ? next++ : -1);
  const finish = (p: number) => {
    finished[p] = 1;
    const before = prefix;
    while (prefix < pairs && finished[prefix]) prefix++;
    if (prefix > before) options.progress?.(Math.min(2 * SIMD_PAIRS * prefix, resamples), out);
  };
  let helper: PairHelper | null = null;
  let helperUp = false;
  const attach = () => {
    if (helper || !options.helper) return;
    helper = typeof options.helper === 'function' ? options.helper() : options.helper;
    helperUp = !!helper;
  };
  let stopped = false;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const woken = () => {
    wake?.();
    wake = null;
  };
  const feed = () => {
    while (helperUp && !stopped && inFlight < 2 && (options.helperWanted?.() ?? true)) {
      const p = claim();
      if (p < 0) return;
      inFlight++;
      helper!.pair(p).then(
        (packed) => {
          inFlight--;
          if (stopped) return;
          try {
            unpackBlock(packed, out, p, resamples);
          } catch {
            helperUp = false;
            retry.push(p);
            return woken();
          }
          finish(p);
          feed();
          woken();
        },
        () => {
          // The helper failed: this thread does the pair (and every later one).
          inFlight--;
          helperUp = false;
          retry.push(p);
          woken();
        },
      );
    }
  };
  try {
    while (prefix < pairs) {
      attach();
      feed();
      const p = claim();
      if (p >= 0) {
        await blockInto(plan, seed, p, resamples, out, between);
        finish(p);
        continue;
      }
      // Only the helper's last pairs are left: wait for one (checking for a newer request).
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
      await between();
    }
  } finally {
    stopped = true;
    (helper as PairHelper | null)?.close();
  }
  return out;
}

/** Zeroed replicate arrays for `resamples` resamples of every input statistic. */
export function emptyReplicates(input: ReplicateInput, resamples: number): Replicates {
  return {
    proportions: input.proportions.map(() => new Float64Array(resamples)),
    means: input.means.map(() => new Float64Array(resamples)),
    auc: input.ranked.map(() => new Float64Array(resamples)),
    ap: input.ranked.map(() => new Float64Array(resamples)),
  };
}

/** What the passes need besides the input: which path each statistic takes, and scratch arrays. */
export interface ReplicatePlan {
  input: ReplicateInput;
  total: number;
  scatter: (Int32Array | null)[];
  grouped: ({ k: number; byCode: Float64Array } | null)[];
  rowOrder: boolean;
  w0: Uint8Array;
  w1: Uint8Array;
  acc: Int32Array[];
  scattered: number[];
  none?: Int32Array;
  /** The statistics the SIMD kernels take (the JS passes skip them), or null. */
  simd: SimdPlan | null;
}

/**
 * Which pass each statistic takes, and their scratch arrays. `simd: false` keeps every
 * statistic on the JS passes (the reference the SIMD kernels are tested against).
 */
export function replicatePlan(input: ReplicateInput, { simd = true } = {}): ReplicatePlan {
  const { rows, n } = input;
  const total = rows ? rows.length : n;
  // Scores whose tie groups are few take their weights from the row-order pass.
  const scatter = input.ranked.map((s) => {
    if (s.groupEnd.length > SCATTER_GROUPS || s.groupEnd.length * 4 > total) return null;
    const code = groupCodes(s, n);
    return coversAll(code, rows, total, s.rows.length) ? code : null;
  });
  // Means that are one value per group and label (binary log loss, Brier) from those group sums.
  const grouped = input.means.map((v) => {
    for (let k = 0; k < scatter.length; k++) {
      const code = scatter[k];
      if (!code) continue;
      const byCode = valuesByGroup(v, code, rows, total, input.ranked[k]!.groupEnd.length);
      if (byCode) return { k, byCode };
    }
    return null;
  });
  // Row-order proportions and means, and the scores with a pass of their own, go to SIMD.
  const kernels = simd
    ? simdPlan(
        rows,
        n,
        input.proportions,
        input.means.flatMap((values, index) => (grouped[index] ? [] : [{ index, values }])),
        input.ranked.flatMap((score, index) => (scatter[index] ? [] : [{ index, score }])),
      )
    : null;
  const owned = kernels?.share;
  // Weights in row order for proportions and the other means; the scores hash their own rows
  // (two at a time) when nothing else needs them.
  const rowOrder =
    (owned?.proportions.length ? 0 : input.proportions.length) +
      grouped.filter((g, c) => !g && !owned?.means.includes(c)).length >
    0;
  const w0 = new Uint8Array(rowOrder ? total : 0);
  const w1 = new Uint8Array(w0.length);
  const acc = input.ranked.map((s, k) => new Int32Array(scatter[k] ? 4 * s.groupEnd.length : 0));
  const scattered = scatter.flatMap((code, k) => (code ? [k] : []));
  return { input, total, scatter, grouped, rowOrder, w0, w1, acc, scattered, simd: kernels };
}

/**
 * Replicates of block `block` (pairs SIMD_PAIRS·block onwards, those below `resamples`): the
 * SIMD kernels' statistics in one call per kernel, the rest pair by pair (pairInto).
 */
export async function blockInto(
  plan: ReplicatePlan,
  seed: number,
  block: number,
  resamples: number,
  out: Replicates,
  between: (() => Promise<void>) | null,
): Promise<void> {
  if (plan.simd) await plan.simd.block(seed, block, resamples, out, between);
  for (let k = 0; k < SIMD_PAIRS; k++) {
    const at = 2 * (SIMD_PAIRS * block + k);
    if (at < resamples) await pairInto(plan, seed, at, resamples, out, between);
  }
}

/**
 * Replicates `at` and `at + 1` (the pair at/2, its weights from resampleKey(seed, at/2)) into
 * `out`; `between` runs before the pair and before each score's own pass.
 */
export async function pairInto(
  plan: ReplicatePlan,
  seed: number,
  at: number,
  resamples: number,
  out: Replicates,
  between: (() => Promise<void>) | null,
): Promise<void> {
  const { input, total, scatter, grouped, rowOrder, w0, w1, acc, scattered } = plan;
  const owned = plan.simd?.share;
  const { rows, n } = input;
  const key = resampleKey(seed, at >>> 1);
  const both = at + 1 < resamples;
  if (between) await between();
  if (rowOrder) fillPair(rows, total, key, w0, w1);
  if (!owned?.proportions.length)
    input.proportions.forEach((v, c) =>
      proportionPass(v, rows, total, w0, w1, out.proportions[c]!, at, both),
    );
  input.means.forEach((v, c) => {
    if (!grouped[c] && !owned?.means.includes(c))
      meanPass(v, rows, total, w0, w1, out.means[c]!, at, both);
  });
  if (rowOrder) for (const k of scattered) groupScatter(scatter[k]!, rows, total, w0, w1, acc[k]!);
  else
    for (let q = 0; q < scattered.length; q += 2) {
      const a = scattered[q]!;
      // An odd score out pairs with a code of −1 everywhere (no row), into its own sums.
      const b = scattered[q + 1] ?? a;
      const codeB = b === a ? (plan.none ??= new Int32Array(n).fill(-1)) : scatter[b]!;
      groupScatterHashed(scatter[a]!, codeB, rows, total, key, acc[a]!, acc[b]!);
    }
  for (let k = 0; k < input.ranked.length; k++) {
    const s = input.ranked[k]!;
    const groups = s.groupEnd.length;
    if (scatter[k]) {
      groupSweep(acc[k]!, groups, at, both, out.auc[k]!, out.ap[k]!);
      grouped.forEach((g, c) => {
        if (g?.k === k) groupMean(g.byCode, acc[k]!, groups, out.means[c]!, at, both);
      });
    } else if (!owned?.ranked.includes(k)) {
      if (between) await between();
      // Mostly one-row groups (continuous scores): the per-row pass; else per group.
      if (s.groupEnd.length * 2 > s.rows.length)
        singlesPass(s, key, at, both, out.auc[k]!, out.ap[k]!);
      else rankPass(s, key, at, both, out.auc[k]!, out.ap[k]!);
    }
  }
}

/** Resamples of one block. */
const BLOCK_RESAMPLES = 2 * SIMD_PAIRS;

/** Block `block`'s replicates of every series, in series order (proportions, means, AUC, AP). */
export function packBlock(out: Replicates, block: number): Float64Array {
  const series = [...out.proportions, ...out.means, ...out.auc, ...out.ap];
  const packed = new Float64Array(BLOCK_RESAMPLES * series.length);
  const at = BLOCK_RESAMPLES * block;
  series.forEach((r, i) => {
    for (let k = 0; k < BLOCK_RESAMPLES; k++)
      packed[BLOCK_RESAMPLES * i + k] = at + k < r.length ? r[at + k]! : NaN;
  });
  return packed;
}

/** Writes a packBlock result back into `out` (the resamples below `resamples`). */
export function unpackBlock(
  packed: Float64Array,
  out: Replicates,
  block: number,
  resamples: number,
) {
  const series = [...out.proportions, ...out.means, ...out.auc, ...out.ap];
  if (packed.length !== BLOCK_RESAMPLES * series.length)
    throw new Error('a helper block of the wrong size');
  const at = BLOCK_RESAMPLES * block;
  series.forEach((r, i) => {
    for (let k = 0; k < BLOCK_RESAMPLES && at + k < resamples; k++)
      r[at + k] = packed[BLOCK_RESAMPLES * i + k]!;
  });
}

/**
 * Replicates of pairs [from, to) only (the rest of `out` stays 0), on the JS passes: merged in
 * resample order, shares give the single run's numbers (which may come from SIMD).
 */
export async function replicatePairs(
  input: ReplicateInput,
  resamples: number,
  seed: number,
  from: number,
  to: number,
): Promise<Replicates> {
  const out = emptyReplicates(input, resamples);
  const plan = replicatePlan(input, { simd: false });
  for (let p = from; p < to && 2 * p < resamples; p++)
    await pairInto(plan, seed, 2 * p, resamples, out, null);
  return out;
}

/** True when every row of the score is among the cohort's rows (so the row-order pass sees it). */
function coversAll(code: Int32Array, rows: Uint32Array | null, total: number, want: number) {
  let seen = 0;
  for (let j = 0; j < total; j++) if (code[rows ? rows[j]! : j]! >= 0) seen++;
  return seen === want;
}

/** AUC and average precision on the data as observed (every weight 1), from the same pass. */
export function rankEstimate(s: RankedScore): { auc: number; ap: number } {
  const { positive, groupEnd } = s;
  let pa = 0;
  let na = 0;
  let u = 0;
  let sum = 0;
  let j = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g]!;
    let gp = 0;
    const gt = end - j;
    for (; j < end; j++) gp += positive[j]!;
    const gn = gt - gp;
    u += gn * (2 * pa + gp);
    pa += gp;
    na += gn;
    if (gp > 0) sum += (gp * pa) / (pa + na);
  }
  return { auc: pa > 0 && na > 0 ? u / (2 * pa * na) : NaN, ap: pa > 0 ? sum / pa : NaN };
}

/**
 * Replicates of any row-weighted statistic (engine/stats' WeightedStatistic: `evaluate` takes a
 * weight per unit, units[u] the row) under the same Poisson(1) weights as poissonReplicates: a
 * row's weight in resample r is poissonWeight(seed, r, row), so where the statistic is the same
 * (a mean, AUC) the replicates are the same numbers. For statistics the one-pass kernels above
 * do not cover (macro-F1 over many classes) and for the release rules; it gives way between
 * resamples like poissonReplicates.
 */
export async function poissonStatisticReplicates(
  stat: { size: number; units: Uint32Array; evaluate: (w: Uint32Array) => number },
  resamples: number,
  seed: number,
  options: ReplicateOptions = {},
): Promise<Float64Array> {
  const out = new Float64Array(resamples);
  const { size, units } = stat;
  const w0 = new Uint32Array(size);
  const w1 = new Uint32Array(size);
  for (let at = 0; at < resamples; at += 2) {
    if (options.cancelled?.()) throw new CancelledError();
    const p = options.pause?.();
    if (p) await p;
    if (options.cancelled?.()) throw new CancelledError();
    const key = resampleKey(seed, at >>> 1);
    for (let u = 0; u < size; u++) {
      const h = hashPair(units[u]!, key);
      w0[u] = WEIGHT[h >>> 16]!;
      w1[u] = WEIGHT[h & 0xffff]!;
    }
    out[at] = stat.evaluate(w0);
    if (at + 1 < resamples) out[at + 1] = stat.evaluate(w1);
    options.progress?.(Math.min(at + 2, resamples));
  }
  return out;
}
