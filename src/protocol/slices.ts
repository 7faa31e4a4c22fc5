// The slice finder: what to search and what streams back.
import type { Predicate } from '../shared/predicate';
import type { SliceResult, VersionsOnSlice } from '../engine/slices';

export interface SlicesRequest {
  /**
   * failure: where `version` errs; regression: where `version` got worse than `baseline` (net of
   * the rows it fixed); improvement: where it got better.
   */
  mode: 'failure' | 'regression' | 'improvement';
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
  /** Paired modes: the baseline's and the version's metric on the slice (error rate or MAE). */
  versions: VersionsOnSlice | null;
}

/** A slice's effect: a failure mode's level, or a paired mode's change (version − baseline). */
export type SliceMeasure =
  'error rate' | 'MAE' | 'change in error rate' | 'change in absolute error';

export interface SlicesResult {
  /** What was searched (the request's), so the view describes the results it shows. */
  mode: SlicesRequest['mode'];
  version: string;
  baseline: string | null;
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
  measure: SliceMeasure;
  overall: number;
  n: number;
  minSize: number;
  elapsedMs: number;
}

export type SlicesProgress = (fraction: number, partial: SlicesResult | null) => void;
