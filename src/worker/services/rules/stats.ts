// Statistics the release rules need beyond engine/stats: a one-sided exact binomial test (for
// "negative flip rate below x%") and a paired bootstrap statistic for macro-F1.
import type { CountStatistic, PairedStatistic, WeightedStatistic } from '../../../engine/stats';

/** Count statistics resample in time independent of n; row-weighted ones cost O(n) each. */
export const COUNT_RESAMPLES = 4000;
export const WEIGHT_RESAMPLES = 1000;

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7): about 15 significant digits. */
export function lgamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logPmf(k: number, n: number, p: number): number {
  return (
    lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p)
  );
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): the one-sided exact p-value of "k or more events in n rows
 * when the true rate is p" (scipy.stats.binom.sf(k − 1, n, p)). Sums the pmf away from the mode
 * so the terms shrink and the loop ends early; above the mean the upper tail is summed, below it
 * 1 − the lower tail.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const odds = p / (1 - p);
  if (k > n * p) {
    let term = Math.exp(logPmf(k, n, p));
    let sum = 0;
    for (let j = k; j <= n && term > 0; j++) {
      sum += term;
      if (term < sum * 1e-17) break;
      term *= ((n - j) / (j + 1)) * odds;
    }
    return Math.min(1, sum);
  }
  let term = Math.exp(logPmf(k - 1, n, p));
  let lower = 0;
  for (let j = k - 1; j >= 0 && term > 0; j--) {
    lower += term;
    if (term < lower * 1e-17) break;
    term *= j / (n - j + 1) / odds;
  }
  return Math.max(0, 1 - lower);
}

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
