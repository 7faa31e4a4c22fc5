// Statistics the release rules need beyond engine/stats: a paired bootstrap statistic for macro-F1
// (the flip-rate rule's exact binomial tail is engine/stats' binomialUpper).
import type { CountStatistic, PairedStatistic, WeightedStatistic } from '../../../engine/stats';

/** Count statistics resample in time independent of n; row-weighted ones cost O(n) each. */
export const COUNT_RESAMPLES = 4000;
export const WEIGHT_RESAMPLES = 1000;

/** Macro-F1 from per-class counts with classificationSummary's conventions (present classes). */
function macroF1(support: Float64Array, predicted: Float64Array, tp: Float64Array): number {
  let sum = 0;
  let present = 0;
  for (let c = 0; c < support.length; c++) {
    const denom = support[c]! + predicted[c]!;
    if (denom > 0) {
      sum += (2 * tp[c]!) / denom;
      present++;
    }
  }
  return present > 0 ? sum / present : NaN;
}

/**
 * Macro-F1 of B minus macro-F1 of A over the rows where the label and both predictions are
 * classes (a resample reweights rows, so per-class counts become weighted sums).
 */
export function pairedMacroF1Statistic(
  label: Int32Array,
  predA: Int32Array,
  predB: Int32Array,
  k: number,
  rows?: Uint32Array,
): WeightedStatistic & PairedStatistic {
  const m = rows ? rows.length : label.length;
  const keep: number[] = [];
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j]! : j;
    const t = label[i]!;
    const a = predA[i]!;
    const b = predB[i]!;
    if (t >= 0 && t < k && a >= 0 && a < k && b >= 0 && b < k) keep.push(i);
  }
  const units = Uint32Array.from(keep);
  const size = units.length;
  const t = new Int32Array(size);
  const pa = new Int32Array(size);
  const pb = new Int32Array(size);
  for (let u = 0; u < size; u++) {
    const i = units[u]!;
    t[u] = label[i]!;
    pa[u] = predA[i]!;
    pb[u] = predB[i]!;
  }
  const support = new Float64Array(k);
  const predictedA = new Float64Array(k);
  const predictedB = new Float64Array(k);
  const tpA = new Float64Array(k);
  const tpB = new Float64Array(k);
  const sides = (w: Uint32Array): [number, number] => {
    support.fill(0);
    predictedA.fill(0);
    predictedB.fill(0);
    tpA.fill(0);
    tpB.fill(0);
    for (let u = 0; u < size; u++) {
      const c = w[u]!;
      if (c === 0) continue;
      const y = t[u]!;
      support[y]! += c;
      predictedA[pa[u]!]! += c;
      predictedB[pb[u]!]! += c;
      if (pa[u] === y) tpA[y]! += c;
      if (pb[u] === y) tpB[y]! += c;
    }
    return [macroF1(support, predictedA, tpA), macroF1(support, predictedB, tpB)];
  };
  const [a, b] = sides(new Uint32Array(size).fill(1));
  const evaluate = (w: Uint32Array) => {
    const [x, y] = sides(w);
    return y - x;
  };
  return { kind: 'weights', size, units, estimate: b - a, a, b, evaluate };
}

/**
 * The same difference as pairedMacroF1Statistic from the k³ joint counts (label, A's class,
 * B's class): a resample then draws k³ category counts instead of reweighting every row, which
 * is what makes a 1,000-resample interval instant on large cohorts with few classes.
 */
export function pairedMacroF1Counts(
  label: Int32Array,
  predA: Int32Array,
  predB: Int32Array,
  k: number,
  rows?: Uint32Array,
): CountStatistic & PairedStatistic {
  const categories = new Float64Array(k * k * k);
  const m = rows ? rows.length : label.length;
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j]! : j;
    const t = label[i]!;
    const a = predA[i]!;
    const b = predB[i]!;
    if (t >= 0 && t < k && a >= 0 && a < k && b >= 0 && b < k) categories[(t * k + a) * k + b]!++;
  }
  return macroF1CountsStatistic(categories, k);
}

/** Macro-F1 of B minus A from the k³ joint counts (label, A's class, B's class). */
export function macroF1CountsStatistic(
  categories: Float64Array,
  k: number,
): CountStatistic & PairedStatistic {
  const support = new Float64Array(k);
  const predictedA = new Float64Array(k);
  const predictedB = new Float64Array(k);
  const tpA = new Float64Array(k);
  const tpB = new Float64Array(k);
  const sides = (c: Float64Array): [number, number] => {
    support.fill(0);
    predictedA.fill(0);
    predictedB.fill(0);
    tpA.fill(0);
    tpB.fill(0);
    for (let t = 0; t < k; t++) {
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const w = c[(t * k + a) * k + b]!;
          if (w === 0) continue;
          support[t]! += w;
          predictedA[a]! += w;
          predictedB[b]! += w;
          if (a === t) tpA[t]! += w;
          if (b === t) tpB[t]! += w;
        }
      }
    }
    return [macroF1(support, predictedA, tpA), macroF1(support, predictedB, tpB)];
  };
  const [a, b] = sides(categories);
  const evaluate = (c: Float64Array) => {
    const [x, y] = sides(c);
    return y - x;
  };
  return { kind: 'counts', categories, estimate: b - a, a, b, evaluate };
}
