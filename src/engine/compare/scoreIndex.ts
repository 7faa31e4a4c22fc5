import { argsortFloats } from '../stats/argsort';
import type { RankedScore } from '../stats/poissonBootstrap';
import { statsOfCounts, type ThresholdStats } from './threshold';

type Floats = Float32Array | Float64Array;
type Labels01 = Uint8Array | Int32Array;

/**
 * A score column sorted once: every threshold is then a binary search (issue 15: threshold
 * edits and "Match operating point" at 1M rows answer in milliseconds, not a pass per keystroke).
 */
export interface ScoreIndex {
  /** Ascending scores of the rows that have one (NaN left out). */
  sorted: Float64Array;
  /** Row index of each sorted position. */
  order: Uint32Array;
}

const indexes = new WeakMap<Floats, ScoreIndex>();

/** The sorted index of a score column, built on first use and kept as long as the column. */
export function scoreIndex(score: Floats): ScoreIndex {
  const hit = indexes.get(score);
  if (hit) return hit;
  let m = 0;
  for (let i = 0; i < score.length; i++) if (score[i] === score[i]) m++;
  const rowOf = new Uint32Array(m);
  let j = 0;
  for (let i = 0; i < score.length; i++) if (score[i] === score[i]) rowOf[j++] = i;
  // Float32 scores (the usual case) sort on their 32 bits: two radix passes instead of three.
  const perm = score instanceof Float32Array ? argsortF32(score, rowOf) : argsortF64(score, rowOf);
  const sorted = new Float64Array(m);
  const order = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const i = rowOf[perm[k]!]!;
    sorted[k] = score[i]!;
    order[k] = i;
  }
  const index = { sorted, order };
  indexes.set(score, index);
  return index;
}

function argsortF64(score: Float64Array, rowOf: Uint32Array): Uint32Array {
  return argsortFloats(Float64Array.from(rowOf, (i) => score[i]!));
}

/**
 * Stable ascending argsort of the float32 values at `rowOf` (no NaN), by LSD radix sort of their
 * bits in two 16-bit passes; keys flip the sign bit of non-negative values and every bit of
 * negative ones so unsigned order is numeric order (−0 just before +0, as argsortFloats).
 */
function argsortF32(score: Float32Array, rowOf: Uint32Array): Uint32Array {
  const m = rowOf.length;
  const bits = new Uint32Array(score.buffer, score.byteOffset, score.length);
  const key = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const b = bits[rowOf[k]!]!;
    key[k] = b >>> 31 === 1 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }
  let order = new Uint32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  let tmp = new Uint32Array(m);
  const counts = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let k = 0; k < m; k++) counts[(key[k]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const r = order[k]!;
      tmp[counts[(key[r]! >>> shift) & 0xffff]!++] = r;
    }
    [order, tmp] = [tmp, order];
  }
  return order;
}

/** First sorted position with value ≥ t (sorted.length when none). */
export function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Counts from the top of one score over a set of rows: atOrAbove*[k] = rows at sorted positions
 * ≥ k (all rows with a score; label 1; label 0). Built in one pass per (score, labels, row set);
 * a threshold t then flags exactly the positions ≥ lowerBound(sorted, t).
 */
export interface ThresholdCounts {
  index: ScoreIndex;
  all: Uint32Array;
  pos: Uint32Array;
  neg: Uint32Array;
}

// index → labels → row set (or ALL_ROWS) → counts; all keys are arrays fixed for an analysis.
const countsCache = new WeakMap<ScoreIndex, WeakMap<Labels01, WeakMap<object, ThresholdCounts>>>();
const ALL_ROWS = {};

function cacheFor(index: ScoreIndex, labels01: Labels01): WeakMap<object, ThresholdCounts> {
  let byLabels = countsCache.get(index);
  if (!byLabels) countsCache.set(index, (byLabels = new WeakMap()));
  let byRows = byLabels.get(labels01);
  if (!byRows) byLabels.set(labels01, (byRows = new WeakMap()));
  return byRows;
}

export function thresholdCounts(
  labels01: Labels01,
  score: Floats,
  rows?: Uint8Array,
): ThresholdCounts {
  const index = scoreIndex(score);
  const byRows = cacheFor(index, labels01);
  const key = rows ?? ALL_ROWS;
  const hit = byRows.get(key);
  if (hit) return hit;
  const m = index.sorted.length;
  const all = new Uint32Array(m + 1);
  const pos = new Uint32Array(m + 1);
  const neg = new Uint32Array(m + 1);
  const order = index.order;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k]!;
    const inSet = rows === undefined || rows[i] === 1 ? 1 : 0;
    const l = labels01[i];
    all[k] = all[k + 1]! + inSet;
    pos[k] = pos[k + 1]! + (inSet & (l === 1 ? 1 : 0));
    neg[k] = neg[k + 1]! + (inSet & (l === 0 ? 1 : 0));
  }
  const counts = { index, all, pos, neg };
  byRows.set(key, counts);
  return counts;
}

/** thresholdStats (./threshold) from the counts: a binary search and a few lookups. */
export function statsAt(c: ThresholdCounts, threshold: number): ThresholdStats {
  const k = lowerBound(c.index.sorted, threshold);
  const n = c.all[0]!;
  const alerts = c.all[k]!;
  const tp = c.pos[k]!;
  const fp = c.neg[k]!;
  const fn = c.pos[0]! - tp;
  const tn = c.neg[0]! - fp;
  return statsOfCounts(threshold, n, alerts, tp, fp, tn, fn);
}

/**
 * The threshold among the score's values on the row set whose count from the top (negatives for
 * 'fpr', rows for 'alerts') is closest to `target`; ties go to the higher threshold (fewer
 * alerts), as matchOperatingPoint. Two binary searches instead of a sort and a sweep.
 */
export function thresholdForCount(
  c: ThresholdCounts,
  counted: 'neg' | 'all',
  target: number,
): { threshold: number; achieved: number } {
  const cum = c[counted];
  const sorted = c.index.sorted;
  const m = sorted.length;
  // Only positions of rows in the set are candidates: their values are the set's scores.
  if (c.all[0] === 0) return { threshold: NaN, achieved: NaN };
  // k* = the last position with cum ≥ target (cum never grows with k).
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! >= target) lo = mid + 1;
    else hi = mid;
  }
  const below = lo - 1; // −1 when even position 0 counts fewer than target
  const candidates: number[] = [];
  if (below >= 0) candidates.push(setValueAtOrBelow(c, below));
  candidates.push(setValueAbove(c, below));
  let best = NaN;
  let achieved = NaN;
  let bestDiff = Infinity;
  for (const t of candidates) {
    if (t !== t) continue;
    const got = cum[lowerBound(sorted, t)]!;
    const diff = Math.abs(got - target);
    if (diff < bestDiff || (diff === bestDiff && t > best)) {
      bestDiff = diff;
      best = t;
      achieved = got;
    }
  }
  return { threshold: best, achieved };
}

/** The highest score of a row in the set at a position ≤ k (NaN when none). */
function setValueAtOrBelow(c: ThresholdCounts, k: number): number {
  for (let j = k; j >= 0; j--) if (c.all[j]! > c.all[j + 1]!) return c.index.sorted[j]!;
  return NaN;
}

/** The lowest score of a row in the set strictly above position k's value (NaN when none). */
function setValueAbove(c: ThresholdCounts, k: number): number {
  const sorted = c.index.sorted;
  const m = sorted.length;
  let j = k < 0 ? 0 : k + 1;
  if (k >= 0) while (j < m && sorted[j] === sorted[k]) j++;
  for (; j < m; j++) if (c.all[j]! > c.all[j + 1]!) return sorted[j]!;
  return NaN;
}

const rankedCache = new WeakMap<ScoreIndex, WeakMap<Labels01, WeakMap<object, RankedScore>>>();

/**
 * The rows of a cohort with a 0/1 label and a score, in descending score order with tie groups:
 * what AUC and average precision (and their bootstrap) pass over. One pass over the index, no
 * sort; kept per (score, labels, cohort mask).
 */
export function rankedScore(labels01: Labels01, score: Floats, mask?: Uint8Array): RankedScore {
  const index = scoreIndex(score);
  let byLabels = rankedCache.get(index);
  if (!byLabels) rankedCache.set(index, (byLabels = new WeakMap()));
  let byMask = byLabels.get(labels01);
  if (!byMask) byLabels.set(labels01, (byMask = new WeakMap()));
  const hit = byMask.get(mask ?? ALL_ROWS);
  if (hit) return hit;
  const { sorted, order } = index;
  let m = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const l = labels01[i];
    if ((mask === undefined || mask[i] === 1) && (l === 0 || l === 1)) m++;
  }
  const rows = new Uint32Array(m);
  const positive = new Uint8Array(m);
  const ends: number[] = [];
  let j = 0;
  let last = NaN;
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    const l = labels01[i];
    if ((mask !== undefined && mask[i] !== 1) || (l !== 0 && l !== 1)) continue;
    const v = sorted[k]!;
    if (j > 0 && v !== last) ends.push(j);
    last = v;
    rows[j] = i;
    positive[j++] = l;
  }
  if (j > 0) ends.push(j);
  const ranked = { rows, positive, groupEnd: Uint32Array.from(ends) };
  byMask.set(mask ?? ALL_ROWS, ranked);
  return ranked;
}
