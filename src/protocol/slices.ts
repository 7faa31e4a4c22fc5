// The slice finder: what to search and what streams back.
import type { Predicate } from '../shared/predicate';
import type { SliceResult } from '../engine/slices';

export interface SlicesRequest {
  /** failure: where `version` errs; regression: where `version` got worse than `baseline`. */
  mode: 'failure' | 'regression';
  version: string;
  baseline: string | null;
  /** Quantile bins per numeric feature. */
  bins: number;
  /** Minimum rows with an outcome; null = max(30, 1% of the rows in scope). */
  minSize: number | null;
  maxConditions: 1 | 2 | 3;
  /** Search within this cohort (null = all rows); results' predicates include it. */
  cohort: Predicate | null;
}

export interface SliceRow extends SliceResult {
  /** The slice as a cohort: its conditions, and the cohort the search ran in. */
  predicate: Predicate;
}

export interface SlicesResult {
  done: boolean;
  cancelled: boolean;
  results: SliceRow[];
  /** Slices in the correction's family (tested + generated-but-untested counted as p = 1). */
  tried: number;
  tested: number;
  pruned: number;
  features: number;
  /** Categorical features with categories past the most frequent ones (not candidates). */
  skipped: { column: string; categories: number }[];
  measure: 'error rate' | 'MAE' | 'negative-flip rate' | 'Δ absolute error';
  overall: number;
  n: number;
  minSize: number;
  elapsedMs: number;
}

export type SlicesProgress = (fraction: number, partial: SlicesResult | null) => void;
