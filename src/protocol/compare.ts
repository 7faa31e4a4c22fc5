import type { CohortDef, Predicate } from '../shared/predicate';

export type MetricKey =
  'accuracy' | 'macroF1' | 'auc' | 'ap' | 'logLoss' | 'brier' | 'mae' | 'rmse' | 'r2';

export const METRIC_NAMES: Record<MetricKey, string> = {
  accuracy: 'Accuracy',
  macroF1: 'Macro-F1',
  auc: 'ROC-AUC',
  ap: 'PR-AUC',
  logLoss: 'Log loss',
  brier: 'Brier',
  mae: 'MAE',
  rmse: 'RMSE',
  r2: 'R²',
};

/** Higher is better for these; lower for the rest (losses and errors). */
export const HIGHER_IS_BETTER: ReadonlySet<MetricKey> = new Set([
  'accuracy',
  'macroF1',
  'auc',
  'ap',
  'r2',
]);

export interface Estimate {
  value: number;
  /** 95% interval; NaN when not computed (yet). */
  lo: number;
  hi: number;
}

export interface DeltaEstimate extends Estimate {
  /** Two-sided p-value of the paired test, and its Benjamini–Hochberg q-value. */
  p: number;
  q: number;
  test: string;
}

export interface CompareRow {
  cohortId: string;
  cohortName: string;
  size: number;
  version: string;
  baseline: boolean;
  evaluated: number;
  metrics: Partial<Record<MetricKey, Estimate>>;
  deltas: Partial<Record<MetricKey, DeltaEstimate>>;
}

export interface FlipRow {
  cohortId: string;
  cohortName: string;
  version: string;
  evaluated: number;
  correctToWrong: number;
  wrongToCorrect: number;
  changed: number;
  negativeFlipRate: number;
  positiveFlipRate: number;
}

export interface CompareRequest {
  baseline: string;
  /** Cohorts to compare in; "All rows" is added first by the worker. */
  cohorts: CohortDef[];
  /** Bootstrap resamples for intervals (0 = analytic intervals and exact tests only). */
  resamples: number;
  /**
   * Answer as soon as this many of the `resamples` are done, with intervals from them (the
   * bootstrap runs on; a request without `early` then gets the final intervals). The result's
   * `resamples` says how many were used. Backends that cannot answer early ignore it.
   */
  early?: number;
  seed: number;
  /**
   * The binary decision thresholds the page shows. When they differ from the session's, the
   * worker applies them first (as setThresholds would), so a threshold edit is answered by this
   * request alone instead of waiting for the re-analysis to reach the page and come back.
   */
  thresholds?: Record<string, number>;
}

export interface CompareResult {
  task: 'binary' | 'multiclass' | 'regression';
  baseline: string;
  metricKeys: MetricKey[];
  rows: CompareRow[];
  flips: FlipRow[];
  resamples: number;
  /** Which intervals and tests were used, in words, for the note under the tables. */
  methods: string[];
  errors: { cohortName: string; error: string }[];
}

export interface ConfusionRequest {
  cohort: Predicate | null;
  a: string;
  b: string;
  /** With more classes than this, show the top classes by error mass and group the rest. */
  top: number;
}

export interface ConfusionResult {
  /** Class indices shown, in display order; −1 stands for "other" (grouped classes). */
  classIndex: number[];
  labels: string[];
  a: number[];
  b: number[];
  delta: number[];
  transition: number[];
  n: number;
  grouped: number;
}

export interface PerClassRequest {
  cohort: Predicate | null;
  /** At most this many classes (the largest by support) are listed. */
  limit: number;
}

export interface PerClassResult {
  classes: string[];
  support: number[];
  versions: { version: string; precision: number[]; recall: number[]; f1: number[] }[];
  omitted: number;
}
