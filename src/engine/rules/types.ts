// The release rules' own types: what a rule is and what one cell of the grid measures. Here in
// the engine so the tab's worker and the DuckDB server share the arithmetic on them
// (engine/rules); src/protocol re-exports them.

/**
 * pass: the whole 95% interval is on the safe side of the limit; fail: wholly beyond it (each
 * also needs q ≤ the false discovery rate); inconclusive: otherwise.
 */
export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'not-applicable';

export interface RuleCell extends Measure {
  ruleId: string;
  cohortId: string;
  version: string;
  verdict: Verdict;
  /** 'change': value = other − baseline; 'level': value = the other version's own rate. */
  measure: 'change' | 'level';
  /** The limit in value's unit; the rule fails when value is beyond it in direction failWhen. */
  limit: number;
  failWhen: 'above' | 'below';
  /** 'fraction': shown as points or percent; 'raw': in the metric's unit. */
  scale: 'fraction' | 'raw';
  /** Benjamini–Hochberg adjusted p over every test in the grid. */
  q: number;
  /** Inconclusive cells: rows that would decide at the observed effect (null = never). */
  rowsNeeded: number | null;
  reason: string | null;
}

/**
 * A release rule, checked in every cohort: data, so it travels in the URL and in exports.
 * Units: "points" are percentage points (1 = 0.01; for AUC 1 point = 0.01 AUC); `maxRate` is a
 * percentage (2 = 2%); `maxRise` is in the metric's own unit. Semantics: src/worker/services/rules/rules.ts.
 */
export type ReleaseRule =
  | {
      id: string;
      kind: 'metric-drop';
      metric: 'accuracy' | 'macroF1' | 'auc';
      maxDropPoints: number;
    }
  /** Binary: the positive-class score; multiclass: the predicted class's probability. */
  | { id: string; kind: 'share-above-rise'; threshold: number; maxRisePoints: number }
  | { id: string; kind: 'negative-flip-rate'; maxRate: number }
  | { id: string; kind: 'regression-metric-rise'; metric: 'mae' | 'rmse'; maxRise: number };

export interface Measure {
  /** Change B − A (fraction, or the metric's unit), or B's own rate for level rules. */
  value: number;
  lo: number;
  hi: number;
  /** The baseline's and the other version's values (NaN for level rules). */
  a: number;
  b: number;
  n: number;
  /**
   * One-sided p against the rule's limit, in the direction the estimate lies: past the limit,
   * of H0 "within it"; within it, of H0 "past it" (a non-inferiority test).
   */
  p: number;
  /** Per-row standard deviation of the estimate (its standard error × √n): sizes rowsNeeded. */
  sd: number;
  test: string;
  /** The counts behind the numbers, in words. */
  detail: string;
}
