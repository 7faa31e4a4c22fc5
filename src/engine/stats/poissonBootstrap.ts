import { POISSON16, resampleKey } from './poisson';

/**
 * Bootstrap replicates of many statistics at once with Poisson(1) row weights (./poisson):
 * resamples go in pairs (one 32-bit hash per row gives both weights); each pair is one pass over
 * the cohort's rows for every proportion and mean, and one pass in score order per ranked score
 * (AUC and average precision together), with the sums in local variables. Nothing of size
 * rows × resamples is ever stored, and because a weight depends only on (seed, resample, row),
 * two versions' replicates of the same resample are paired: their difference is the paired
 * bootstrap of the difference. (Blocks of 8–16 resamples per pass with per-resample sums in
 * typed arrays were 2–3× slower in V8: the sums did not stay in registers.)
 */

// A module-local binding: test runners rewrite imported names into property reads, which cost
// several times the hot loops' own work.
const WEIGHT: Uint8Array = POISSON16;

export interface RankedScore {
  /** Row index of each usable row (in the cohort, 0/1 label, a score), in descending score order. */
  rows: Uint32Array;
  /** 1 when the row at that position is a positive. */
  positive: Uint8Array;
  /** groupEnd[g] = one past the last position of tie group g (positions in `rows`). */
  groupEnd: Uint32Array;
}

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
  /** Called after each block with the resamples done so far. */
  progress?: (done: number) => void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled: a newer request replaced this one');
    this.name = 'CancelledError';
  }
}

/** Replicates of every input statistic over `resamples` Poisson resamples seeded by `seed`. */
export async function poissonReplicates(
  input: ReplicateInput,
  resamples: number,
  seed: number,
  options: ReplicateOptions = {},
): Promise<Replicates> {
  const out: Replicates = {
    proportions: input.proportions.map(() => new Float64Array(resamples)),
    means: input.means.map(() => new Float64Array(resamples)),
    auc: input.ranked.map(() => new Float64Array(resamples)),
    ap: input.ranked.map(() => new Float64Array(resamples)),
  };
  const between = async () => {
    if (options.cancelled?.()) throw new CancelledError();
    const p = options.pause?.();
    if (p) await p;
    if (options.cancelled?.()) throw new CancelledError();
  };
  for (let at = 0; at < resamples; at += 2) {
    const key = resampleKey(seed, at >>> 1);
    const both = at + 1 < resamples;
    await between();
    sumsPass(input, key, at, both, out);
    for (let k = 0; k < input.ranked.length; k++) {
      await between();
      rankPass(input.ranked[k]!, key, at, both, out.auc[k]!, out.ap[k]!);
    }
    options.progress?.(Math.min(at + 2, resamples));
  }
  return out;
}

/** The two weights of a row for a resample pair: the 16-bit halves of fmix32(row ^ key). */
function hashPair(row: number, key: number): number {
  let x = row ^ key;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** One pass over the cohort rows: weighted successes and sums for every proportion and mean. */
function sumsPass(input: ReplicateInput, key: number, at: number, both: boolean, out: Replicates) {
  const P = input.proportions.length;
  const M = input.means.length;
  // [weight sum, weighted sum] × [resample at, at + 1] per input.
  const ps = new Float64Array(P * 4);
  const ms = new Float64Array(M * 4);
  const rows = input.rows;
  const total = rows ? rows.length : input.n;
  for (let j = 0; j < total; j++) {
    const i = rows ? rows[j]! : j;
    const h = hashPair(i, key);
    const w0 = WEIGHT[h >>> 16]!;
    const w1 = WEIGHT[h & 0xffff]!;
    for (let c = 0; c < P; c++) {
      const v = input.proportions[c]![i]!;
      if (v > 1) continue;
      const o = c * 4;
      ps[o] = ps[o]! + w0;
      ps[o + 1] = ps[o + 1]! + v * w0;
      ps[o + 2] = ps[o + 2]! + w1;
      ps[o + 3] = ps[o + 3]! + v * w1;
    }
    for (let c = 0; c < M; c++) {
      const v = input.means[c]![i]!;
      if (v !== v) continue;
      const o = c * 4;
      ms[o] = ms[o]! + w0;
      ms[o + 1] = ms[o + 1]! + v * w0;
      ms[o + 2] = ms[o + 2]! + w1;
      ms[o + 3] = ms[o + 3]! + v * w1;
    }
  }
  for (let c = 0; c < P; c++) {
    out.proportions[c]![at] = ps[c * 4 + 1]! / ps[c * 4]!;
    if (both) out.proportions[c]![at + 1] = ps[c * 4 + 3]! / ps[c * 4 + 2]!;
  }
  for (let c = 0; c < M; c++) {
    out.means[c]![at] = ms[c * 4 + 1]! / ms[c * 4]!;
    if (both) out.means[c]![at + 1] = ms[c * 4 + 3]! / ms[c * 4 + 2]!;
  }
}

/**
 * One pass down a score, tie group by tie group: weighted Mann–Whitney for AUC (ties count ½)
 * and scikit-learn's average precision (Σ ΔRecall · Precision over thresholds, high to low).
 */
function rankPass(
  s: RankedScore,
  key: number,
  at: number,
  both: boolean,
  auc: Float64Array,
  ap: Float64Array,
) {
  const { rows, positive, groupEnd } = s;
  // Group sums, positives and negatives above, twice the Mann–Whitney U, the AP sum: per resample.
  let gp0 = 0;
  let gt0 = 0;
  let pa0 = 0;
  let na0 = 0;
  let u0 = 0;
  let s0 = 0;
  let gp1 = 0;
  let gt1 = 0;
  let pa1 = 0;
  let na1 = 0;
  let u1 = 0;
  let s1 = 0;
  let j = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g]!;
    for (; j < end; j++) {
      const h = hashPair(rows[j]!, key);
      const w0 = WEIGHT[h >>> 16]!;
      const w1 = WEIGHT[h & 0xffff]!;
      const pos = positive[j]!;
      gt0 += w0;
      gp0 += pos * w0;
      gt1 += w1;
      gp1 += pos * w1;
    }
    const n0 = gt0 - gp0;
    const n1 = gt1 - gp1;
    u0 += n0 * (2 * pa0 + gp0);
    u1 += n1 * (2 * pa1 + gp1);
    pa0 += gp0;
    na0 += n0;
    pa1 += gp1;
    na1 += n1;
    if (gp0 > 0) s0 += (gp0 * pa0) / (pa0 + na0);
    if (gp1 > 0) s1 += (gp1 * pa1) / (pa1 + na1);
    gp0 = gt0 = gp1 = gt1 = 0;
  }
  auc[at] = pa0 > 0 && na0 > 0 ? u0 / (2 * pa0 * na0) : NaN;
  ap[at] = pa0 > 0 ? s0 / pa0 : NaN;
  if (both) {
    auc[at + 1] = pa1 > 0 && na1 > 0 ? u1 / (2 * pa1 * na1) : NaN;
    ap[at + 1] = pa1 > 0 ? s1 / pa1 : NaN;
  }
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
