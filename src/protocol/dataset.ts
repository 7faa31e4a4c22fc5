// Messages between the UI and the worker: small, serializable, no big buffers.
import type { ColumnInfo, SkippedColumn } from '../data/types';
import type { JoinReport } from '../data/shapes';
import type { RoleMapping, Task } from '../shared/roles';
import type { VersionMetrics } from '../engine/overview';
import type { LabelInference } from '../data/labelInference';

export type { Progress, Source } from '../data/readSource';
export type { ColumnInfo, SkippedColumn } from '../data/types';
export type { VersionMetrics } from '../engine/overview';
export type { RoleMapping, Task, VersionRoles } from '../shared/roles';

export interface FileError {
  fileName: string;
  reason: string;
  /** What failed, shown before the file name; defaults to "Could not open". */
  action?: string;
}

export interface DatasetSummary {
  fingerprint: string;
  files: string[];
  numRows: number;
  columns: ColumnInfo[];
  skipped: (SkippedColumn & { fileName: string })[];
  report: JoinReport;
  inferred: RoleMapping;
  /** How the label was chosen when no column is named like one, and the columns that could be. */
  labelInference: LabelInference;
  description: string | null;
  /** Set in server mode: the engine holding the data (the rows never come to the tab). */
  engine?: 'DuckDB';
}

/**
 * Columns read after the dataset opened (src/worker/session/deferred.ts): sent as each one is
 * read, and while bytes arrive. `token` is the open's.
 */
export interface ColumnsUpdate {
  token: number;
  /** Columns still being read, in reading order. */
  pending: string[];
  /** The column being read now. */
  current: string | null;
  bytesRead: number;
  totalBytes: number;
  /** Summaries of the columns read since the last update (they replace the placeholders). */
  loaded: ColumnInfo[];
  /** Columns that could not be read, with the reason. */
  failed: { name: string; reason: string }[];
}

export interface OpenResult {
  /** Null when nothing could be opened (the previous dataset stays). */
  summary: DatasetSummary | null;
  errors: FileError[];
  /** A later open or Cancel stopped this one; nothing was replaced. */
  cancelled?: boolean;
}

export interface Analysis {
  task: Task;
  classes: string[];
  positiveClass: string | null;
  metrics: VersionMetrics[];
  warnings: string[];
  /** Signs the roles do not mean what the data does, with a fix where one exists. */
  checks: SanityCheck[];
}

export type SanityFix =
  | { kind: 'positive-class'; positiveClass: string; label: string }
  | { kind: 'predict-from-score'; version: string; label: string };

export interface SanityCheck {
  message: string;
  fix: SanityFix | null;
}

export type { CohortDef, Predicate } from '../shared/predicate';

export interface CohortStats {
  id: string;
  size: number;
  metrics: VersionMetrics[];
  /** Why the cohort could not be evaluated (e.g. a column this dataset lacks). */
  error: string | null;
}

/** What the filter builder can filter on: a column, or a role. */
export type Field =
  | { type: 'column'; name: string }
  | { type: 'label' }
  | { type: 'predicted'; version: string }
  | { type: 'score'; version: string };

export type FieldProfile =
  | {
      kind: 'range';
      timestamp: boolean;
      min: number;
      max: number;
      nulls: number;
      edges: number[];
      counts: number[];
    }
  | {
      kind: 'categories';
      nulls: number;
      distinct: number;
      values: { value: string; count: number }[];
    }
  | { kind: 'text'; nulls: number; distinct: number; values: { value: string; count: number }[] }
  | { kind: 'none'; reason: string };
