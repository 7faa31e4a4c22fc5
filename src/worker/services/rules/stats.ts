// Statistics the release rules need beyond engine/stats: a paired bootstrap statistic for macro-F1
// (the flip-rate rule's exact binomial tail is engine/stats' binomialUpper).
import type { CountStatistic, PairedStatistic, WeightedStatistic } from '../../../engine/stats';
import { macroF1, macroF1CountsStatistic } from '../../../engine/rules/macroF1';

export { COUNT_RESAMPLES, WEIGHT_RESAMPLES } from '../../../engine/rules/measures';

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
