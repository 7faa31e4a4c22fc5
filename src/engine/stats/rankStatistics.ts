import { argsortFloats } from './argsort';
import type { PairedStatistic, WeightedStatistic } from './statistic';
import { candidateCount, rowAt } from './rows';

type Floats = Float32Array | Float64Array;
type Labels01 = Uint8Array | Int32Array;

/**
 * Units in ascending score order with tie groups, so each resample is one sequential pass:
 * weighted Mann–Whitney for AUC, the weighted precision–recall step sum for average precision.
 * Weight j belongs to the unit at sorted position j.
 */
interface Ranked {
  /** 1 when the unit at sorted position j is a positive. */
  positive: Uint8Array;
  /** groupEnd[g] = one past the last sorted position of tie group g. */
  groupEnd: Uint32Array;
}

/** Tie groups of values already in ascending order. */
function groups(sorted: Float64Array): Uint32Array {
  const n = sorted.length;
  let count = 0;
  for (let j = 0; j < n; j++) if (j + 1 === n || sorted[j + 1] !== sorted[j]) count++;
  const groupEnd = new Uint32Array(count);
  let g = 0;
  for (let j = 0; j < n; j++) if (j + 1 === n || sorted[j + 1] !== sorted[j]) groupEnd[g++] = j + 1;
  return groupEnd;
}

/** Permutes values (and labels) into the given order. */
function permute<T extends Float64Array | Uint8Array | Uint32Array>(
  values: T,
  order: Uint32Array,
  out: T,
): T {
  for (let j = 0; j < order.length; j++) out[j] = values[order[j]!]!;
  return out;
}

/** Share of weighted (positive, negative) pairs ranked correctly, ties ½; NaN if a class is empty. */
function weightedAuc(r: Ranked, w: Uint32Array): number {
  const { positive, groupEnd } = r;
  let negBelow = 0;
  let twiceU = 0;
  let wPos = 0;
  let j = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g]!;
    // Branch-free: positives are ~random along the score axis, so an if mispredicts a lot.
    let gp = 0;
    let gt = 0;
    for (; j < end; j++) {
      const c = w[j]!;
      gt += c;
      gp += positive[j]! * c;
    }
    const gn = gt - gp;
    twiceU += gp * (2 * negBelow + gn);
    negBelow += gn;
    wPos += gp;
  }
  return wPos > 0 && negBelow > 0 ? twiceU / (2 * wPos * negBelow) : NaN;
}

/** sklearn's average precision, weighted: Σ over thresholds (descending) of ΔRecall · Precision. */
function weightedAp(r: Ranked, w: Uint32Array): number {
  const { positive, groupEnd } = r;
  let tp = 0;
  let fp = 0;
  let sum = 0;
  let j = positive.length;
  for (let g = groupEnd.length - 1; g >= 0; g--) {
    const start = g > 0 ? groupEnd[g - 1]! : 0;
    let gp = 0;
    let gt = 0;
    while (j > start) {
      j--;
      const c = w[j]!;
      gt += c;
      gp += positive[j]! * c;
    }
    tp += gp;
    fp += gt - gp;
    if (gp > 0) sum += (gp * tp) / (tp + fp);
  }
  return tp > 0 ? sum / tp : NaN;
}

type Metric = 'auc' | 'ap';
const METRICS = { auc: weightedAuc, ap: weightedAp } as const;

/**
 * Rows with label 0/1 and a number in both score columns (pass the same column twice for one
 * version), compacted into units.
 */
function compact(labels: Labels01, sa: Floats, sb: Floats, rows: Uint32Array | undefined) {
  if (sa.length !== labels.length || sb.length !== labels.length) {
    throw new RangeError('score length mismatch');
  }
  const m = candidateCount(rows, labels.length);
  let size = 0;
  for (let j = 0; j < m; j++) {
    const i = rowAt(rows, j);
    const l = labels[i]!;
    if ((l === 0 || l === 1) && sa[i] === sa[i] && sb[i] === sb[i]) size++;
  }
  const positive = new Uint8Array(size);
  const a = new Float64Array(size);
  const b = new Float64Array(size);
  const units = new Uint32Array(size);
  let u = 0;
  for (let j = 0; j < m; j++) {
    const i = rowAt(rows, j);
    const l = labels[i]!;
    if ((l === 0 || l === 1) && sa[i] === sa[i] && sb[i] === sb[i]) {
      positive[u] = l;
      units[u] = i;
      a[u] = sa[i]!;
      b[u++] = sb[i]!;
    }
  }
  return { size, positive, a, b, units };
}

/**
 * ROC-AUC ('auc') or average precision ('ap') of one score column over the cohort rows with a
 * 0/1 label and a score; resamples reweight rows against a sort done once here.
 */
export function rankStatistic(
  metric: Metric,
  labels01: Labels01,
  score: Floats,
  rows?: Uint32Array,
): WeightedStatistic {
  const { size, positive, a, units } = compact(labels01, score, score, rows);
  // Units are taken in score order (resampling does not care which unit is which), so the
  // weights line up with the sorted positions.
  const order = argsortFloats(a);
  const sorted = permute(a, order, new Float64Array(size));
  const r = { positive: permute(positive, order, new Uint8Array(size)), groupEnd: groups(sorted) };
  const f = METRICS[metric];
  const evaluate = (w: Uint32Array) => f(r, w);
  return {
    kind: 'weights',
    size,
    units: permute(units, order, new Uint32Array(size)),
    estimate: evaluate(new Uint32Array(size).fill(1)),
    evaluate,
  };
}

/** B − A of AUC or average precision over rows where the label and both scores are present. */
export function pairedRankStatistic(
  metric: Metric,
  labels01: Labels01,
  scoreA: Floats,
  scoreB: Floats,
  rows?: Uint32Array,
): WeightedStatistic & PairedStatistic {
  const c = compact(labels01, scoreA, scoreB, rows);
  const n = c.size;
  // Units in A's score order: A's pass reads weights in sequence; B's reads them through byB
  // (A-ordered units sorted by B's score), gathered into a scratch buffer once per resample.
  const byA = argsortFloats(c.a);
  const posA = permute(c.positive, byA, new Uint8Array(n));
  const ra = { positive: posA, groupEnd: groups(permute(c.a, byA, new Float64Array(n))) };
  const bInA = permute(c.b, byA, new Float64Array(n));
  const byB = argsortFloats(bInA);
  const rb = {
    positive: permute(posA, byB, new Uint8Array(n)),
    groupEnd: groups(permute(bInA, byB, new Float64Array(n))),
  };
  const f = METRICS[metric];
  const scratch = new Uint32Array(n);
  const ones = new Uint32Array(n).fill(1);
  const a = f(ra, ones);
  const b = f(rb, ones);
  const evaluate = (w: Uint32Array) => {
    // The hot gather, kept monomorphic (permute sees several array types at build time).
    for (let k = 0; k < n; k++) scratch[k] = w[byB[k]!]!;
    return f(rb, scratch) - f(ra, w);
  };
  const units = permute(c.units, byA, new Uint32Array(n));
  return { kind: 'weights', size: n, units, estimate: b - a, a, b, evaluate };
}
