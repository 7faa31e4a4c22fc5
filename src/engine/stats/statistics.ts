import type { CountStatistic, PairedStatistic, WeightedStatistic } from './statistic';
import { candidateCount, rowAt } from './rows';

type Floats = Float32Array | Float64Array;

/**
 * A proportion (accuracy, a flip rate, a share above a threshold) from per-row outcomes:
 * 1 = success, 0 = failure, anything else (e.g. 2 for null) is skipped. Rows are the cohort's
 * (all rows when omitted). Resampled as two category counts.
 */
export function proportionStatistic(outcome: Uint8Array, rows?: Uint32Array): CountStatistic {
  let yes = 0;
  let no = 0;
  const m = candidateCount(rows, outcome.length);
  for (let j = 0; j < m; j++) {
    const v = outcome[rowAt(rows, j)];
    if (v === 1) yes++;
    else if (v === 0) no++;
  }
  const share = (c: Float64Array) => c[0]! / (c[0]! + c[1]!);
  const categories = Float64Array.of(yes, no);
  return { kind: 'counts', categories, estimate: share(categories), evaluate: share };
}

/**
 * Difference of two proportions over the same rows (B − A), e.g. accuracy of two versions:
 * only rows where both outcomes are 0/1 count. The four joint outcomes are the categories, so
 * the resample keeps the pairing (this is what makes it narrower than two separate intervals).
 */
export function pairedProportionStatistic(
  outcomeA: Uint8Array,
  outcomeB: Uint8Array,
  rows?: Uint32Array,
): CountStatistic & PairedStatistic {
  if (outcomeA.length !== outcomeB.length) throw new RangeError('outcome length mismatch');
  // categories: [A1 B1, A1 B0, A0 B1, A0 B0]
  const categories = new Float64Array(4);
  const m = candidateCount(rows, outcomeA.length);
  for (let j = 0; j < m; j++) {
    const i = rowAt(rows, j);
    const a = outcomeA[i]!;
    const b = outcomeB[i]!;
    if ((a === 0 || a === 1) && (b === 0 || b === 1)) categories[(1 - a) * 2 + (1 - b)]!++;
  }
  return pairedProportionFromCounts(categories);
}

/**
 * `pairedProportionStatistic` from its four joint counts [A1 B1, A1 B0, A0 B1, A0 B0], counted
 * elsewhere (Compare takes them from the flips pass over the same rows: one pass, not two).
 */
export function pairedProportionFromCounts(
  categories: Float64Array,
): CountStatistic & PairedStatistic {
  const delta = (c: Float64Array) => (c[2]! - c[1]!) / (c[0]! + c[1]! + c[2]! + c[3]!);
  const n = categories[0]! + categories[1]! + categories[2]! + categories[3]!;
  return {
    kind: 'counts',
    categories,
    estimate: delta(categories),
    a: (categories[0]! + categories[1]!) / n,
    b: (categories[0]! + categories[2]!) / n,
    evaluate: delta,
  };
}

/** Weighted mean of compact values; sqrt when asked (RMSE from squared errors). */
function weightedMean(values: Float64Array, w: Uint32Array, sqrt: boolean): number {
  let sw = 0;
  let sv = 0;
  for (let u = 0; u < values.length; u++) {
    const c = w[u]!;
    sw += c;
    sv += c * values[u]!;
  }
  return sqrt ? Math.sqrt(sv / sw) : sv / sw;
}

export interface MeanOptions {
  /** Report sqrt(mean): RMSE from squared errors. */
  sqrt?: boolean;
}

/**
 * Mean of per-row values (absolute errors → MAE, squared errors with sqrt → RMSE, per-row log
 * loss, per-row Brier); NaN values are skipped. See metrics/perRow for the value builders.
 */
export function meanStatistic(
  values: Floats,
  rows?: Uint32Array,
  options: MeanOptions = {},
): WeightedStatistic {
  const sqrt = options.sqrt === true;
  const m = candidateCount(rows, values.length);
  let size = 0;
  for (let j = 0; j < m; j++) {
    const v = values[rowAt(rows, j)];
    if (v === v) size++;
  }
  const compact = new Float64Array(size);
  const units = new Uint32Array(size);
  let u = 0;
  for (let j = 0; j < m; j++) {
    const i = rowAt(rows, j);
    const v = values[i]!;
    if (v === v) {
      units[u] = i;
      compact[u++] = v;
    }
  }
  const evaluate = (w: Uint32Array) => weightedMean(compact, w, sqrt);
  const estimate = evaluate(new Uint32Array(size).fill(1));
  return { kind: 'weights', size, units, estimate, evaluate };
}

/**
 * Difference of means (B − A) over rows where both values are numbers. Without sqrt the
 * difference of means is the mean of differences, so one pass over one array suffices.
 */
export function pairedMeanStatistic(
  valuesA: Floats,
  valuesB: Floats,
  rows?: Uint32Array,
  options: MeanOptions = {},
): WeightedStatistic & PairedStatistic {
  if (valuesA.length !== valuesB.length) throw new RangeError('value length mismatch');
  const sqrt = options.sqrt === true;
  const m = candidateCount(rows, valuesA.length);
  let size = 0;
  for (let j = 0; j < m; j++) {
    const i = rowAt(rows, j);
    if (valuesA[i] === valuesA[i] && valuesB[i] === valuesB[i]) size++;
  }
  const ca = new Float64Array(size);
  const cb = new Float64Array(size);
  const units = new Uint32Array(size);
  let u = 0;
  for (let j = 0; j < m; j++) {
    const i = rowAt(rows, j);
    const a = valuesA[i]!;
    const b = valuesB[i]!;
    if (a === a && b === b) {
      units[u] = i;
      ca[u] = a;
      cb[u++] = b;
    }
  }
  const ones = new Uint32Array(size).fill(1);
  const a = weightedMean(ca, ones, sqrt);
  const b = weightedMean(cb, ones, sqrt);
  let evaluate: (w: Uint32Array) => number;
  if (sqrt) {
    evaluate = (w) => weightedMean(cb, w, true) - weightedMean(ca, w, true);
  } else {
    for (let k = 0; k < size; k++) cb[k] = cb[k]! - ca[k]!;
    evaluate = (w) => weightedMean(cb, w, false);
  }
  return { kind: 'weights', size, units, estimate: b - a, a, b, evaluate };
}
