import type { Predicate } from '../../shared/predicate';

/** Marks a row whose feature value is not a slice candidate (a category past the top ones). */
export const SKIP = 255;

/** One bin of a feature: a condition a slice can use, with the predicate that selects it. */
export interface BinDef {
  text: string;
  predicate: Predicate;
}

/** A feature reduced to one small code per row, computed once per (dataset, bins). */
export interface BinnedFeature {
  name: string;
  /** Bin index per row; SKIP = not in any candidate bin. */
  codes: Uint8Array;
  bins: BinDef[];
  /** Categories left out because only the most frequent ones are candidates. */
  skippedCategories: number;
}

/**
 * What is being explained, per row.
 * - `rate`: code 1 = error, 0 = correct (failure mode, classification).
 * - `paired`: code 1 = correct→wrong (got worse), 2 = wrong→correct, 0 = same (regression mode;
 *   searching where a version got better swaps 1 and 2).
 * - `mean`: x = absolute error (failure mode, regression task); code 0 = has a value.
 * - `pairedMean`: x = |error of version| − |error of baseline| (regression mode, regression task;
 *   negated when searching where a version got better).
 * In every kind code 3 = in scope but without an outcome, OUT = outside the cohort.
 */
export interface Target {
  kind: 'rate' | 'paired' | 'mean' | 'pairedMean';
  code: Uint8Array;
  x: Float64Array | null;
}

export const NO_OUTCOME = 3;
export const OUT = 255;

/** Counts of one slice: n rows with an outcome, a/b per kind (see cellStats), none = no outcome. */
export interface Cell {
  n: number;
  /** rate: errors; paired: got worse; mean kinds: Σx. */
  a: number;
  /** paired: got better; mean kinds: Σx². */
  b: number;
  none: number;
}

export interface SearchOptions {
  /** Minimum rows with an outcome in a slice. */
  minSize: number;
  maxConditions: 1 | 2 | 3;
  /** Level-2 slices extended to 3 conditions, at most (the most significant that the bound keeps). */
  maxExtend?: number;
  /** Results after merging. */
  maxResults?: number;
  /** Jaccard similarity of row sets above which two slices are variants of one. */
  mergeJaccard?: number;
}

export interface Variant {
  text: string;
  rows: number;
  effect: number;
  q: number;
}

/** A slice's test against the rest of the scope. */
export interface Score {
  /**
   * rate: error rate; mean: MAE; paired: net change in error rate (c→w − w→c) / n; pairedMean:
   * mean Δ|error| (version − baseline).
   */
  effect: number;
  lo: number;
  hi: number;
  /** The same measure over the rest of the scope (outside the slice). */
  rest: number;
  /** Slice value / overall value (rate, mean); NaN for the paired kinds (a change may be ≤ 0). */
  lift: number;
  /** Ranking statistic (z or t), larger = more surely worse in the slice. */
  z: number;
  /** One-sided p-value for "worse in the slice". */
  p: number;
}

/** One slice found, best-first in a result list. */
export interface SliceResult extends Score {
  /** Canonical key: "feature:bin|feature:bin" in feature order. */
  key: string;
  /** [feature, bin, feature, bin, …] in feature order (indices into the binned features). */
  conds: number[];
  text: string;
  conditions: BinDef[];
  /** Rows the slice's predicate selects (in scope), with or without an outcome. */
  rows: number;
  /** Rows with an outcome (the test's sample). */
  n: number;
  /** Benjamini–Hochberg q over every slice tested. */
  q: number;
  /** rate: errors; paired: correct→wrong. */
  worse: number;
  /** paired: wrong→correct. */
  better: number;
  variants: Variant[];
}

export interface SearchProgress {
  fraction: number;
  /** Present when a level finished: the best slices so far (q over the slices tried so far). */
  results?: SliceResult[];
  tried: number;
}

export interface SearchOutcome {
  results: SliceResult[];
  /** Slices in the correction's family: tested, plus generated but untested (as p = 1). */
  tried: number;
  /** Slices that got a p-value. */
  tested: number;
  /** Level-2 slices not extended because the bound shows no refinement can be significant. */
  pruned: number;
  overall: number;
  n: number;
}
