// Messages for the rows table, "Find row by id" and the row detail: pages and one row at a time,
// never the whole dataset.
import type { ColumnKind } from '../data/types';
import type { Task } from '../shared/roles';
import type { CohortDef, Predicate } from '../shared/predicate';
import type { Cell } from '../engine/rows/cell';
import type { FlipKind } from '../engine/rows/flips';
import type { IdHit } from '../engine/rows/idIndex';
import type { PercentileResult } from '../engine/rows/percentile';

export type { Cell, FlipKind, IdHit, PercentileResult };

/**
 * A column the rows table can show: a column of the file (key = its name) or one derived from
 * the roles (key starts with ':', e.g. ':correct:v1', ':conf:v2', ':flip:v1:v2').
 */
export interface RowColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** 'id', 'label', 'feature', 'v1 prediction', 'v1 score', 'derived', 'embedding', … */
  role: string;
  /** Values are probabilities: shown as %. */
  percent: boolean;
  sortable: boolean;
  /** Shown until the user chooses columns (vectors and secondary roles start hidden). */
  defaultVisible: boolean;
}

export interface RowsSort {
  column: string;
  desc: boolean;
}

export interface RowsRequest {
  cohort: Predicate | null;
  sort: RowsSort | null;
  offset: number;
  limit: number;
  /** RowColumn keys; the cells of each row follow this order. */
  columns: string[];
}

export interface RowOut {
  /** Row index in the dataset (stable, the '#<index>' form of a row without an id). */
  index: number;
  id: string | null;
  cells: Cell[];
}

export interface RowsPage {
  /** Rows in the cohort. */
  total: number;
  offset: number;
  rows: RowOut[];
  /** Why the cohort or sort could not be applied (then total is 0). */
  error: string | null;
}

export interface FindIdsResult {
  /** False when the dataset has no id column (rows are then found as '#<index>'). */
  hasIds: boolean;
  /** The id typed, or the one id equal to it ignoring case when that is unambiguous. */
  exact: IdHit | null;
  /** True when `exact` matched only ignoring case. */
  caseFolded: boolean;
  /** Ids starting with the query, sorted (ignoring case when none starts with it as typed). */
  suggestions: IdHit[];
  /** Asked for and nothing above found: ids within two edits (ignoring case), closest first. */
  nearest: IdHit[];
  /** How many distinct ids the dataset has, and a few of them to show what they look like. */
  distinct: number;
  examples: string[];
}

export interface RowDetailRequest {
  /** Exact id, or '#<index>' (datasets without an id, or rows whose id is null). */
  row: string;
  /** The active cohort, for the percentile; null = all rows. */
  cohort: Predicate | null;
  /** Every saved cohort, to say which ones the row belongs to. */
  cohorts: CohortDef[];
  /** Which of the rows sharing a duplicated id to show (0-based). */
  occurrence?: number;
  /**
   * False: answer without the percentiles and the active cohort's size. The DuckDB server
   * reads the row in a scan Parquet's statistics prune, but ranking it is a full scan; the page
   * asks for both and shows the row first. The tab ranks at once and ignores it.
   */
  ranks?: boolean;
}

export interface VersionDetail {
  name: string;
  /** Predicted class (classification). */
  predicted: string | null;
  /** Predicted value (regression). */
  yhat: number | null;
  /** Null when the label or the prediction is missing (or for regression). */
  correct: boolean | null;
  /** Binary: probability of the positive class. */
  score: number | null;
  /** Most likely classes, at most 5. */
  top: { cls: string; p: number }[];
  /** The value ranked within the active cohort, and what it is. */
  percentile: (PercentileResult & { basis: string; value: number }) | null;
}

export interface RowFlip {
  from: string;
  to: string;
  kind: FlipKind | 'regression';
  sentence: string;
}

export interface RowFeature {
  name: string;
  role: string;
  percent: boolean;
  cell: Cell;
}

export type RowDetail =
  | { found: false; query: string; message: string }
  | {
      found: true;
      query: string;
      id: string | null;
      index: number;
      /** Rows sharing this id (1 when unique) and which one this is (0-based). */
      occurrences: number;
      occurrence: number;
      task: Task | null;
      positiveClass: string | null;
      /** True class name (classification) or value (regression, as text). */
      label: string | null;
      versions: VersionDetail[];
      flips: RowFlip[];
      features: RowFeature[];
      /** Active cohort: its size and whether this row is in it (null = no active cohort). */
      cohortSize: number;
      inActiveCohort: boolean | null;
      cohortError: string | null;
      cohorts: { id: string; member: boolean; error: string | null }[];
      /** False when asked without ranks: percentiles are null and `cohortSize` unknown (0). */
      ranked?: boolean;
    };
