// Score distributions, density, calibration and operating points of the Compare view.
import type { Predicate } from '../shared/predicate';
import type { CurveLine, ThresholdStats } from '../engine/compare';

export interface DistributionsRequest {
  cohort: Predicate | null;
  bins: number;
  /** Values the axis must cover (the thresholds drawn on it). */
  include?: number[];
}

export interface VersionDistribution {
  version: string;
  /** Rows per bin over all rows, and over the cohort (null when no cohort is active). */
  all: number[];
  cohort: number[] | null;
  nAll: number;
  nCohort: number;
}

export interface Distributions {
  kind: ScoreKind | null;
  axis: string;
  /** bins + 1 edges shared by every series. */
  edges: number[];
  versions: VersionDistribution[];
  /** Why there is nothing to draw. */
  message: string | null;
}

export interface DensityRequest {
  cohort: Predicate | null;
  /** Version on the x axis (the baseline) and on the y axis. */
  a: string;
  b: string;
  bins: number;
  include?: number[];
}

export interface Density {
  kind: ScoreKind | null;
  axis: string;
  edges: number[];
  /** bins × bins, row-major: row = a's bin (x), column = b's bin (y). */
  counts: number[];
  n: number;
  message: string | null;
}

export interface CalibrationRequest {
  cohort: Predicate | null;
  bins: number;
}

export interface VersionCalibration {
  version: string;
  n: number;
  ece: number;
  count: number[];
  meanConfidence: number[];
  accuracy: number[];
  outOfRange: number;
}

export interface Calibrations {
  /** Binary: P(positive) vs share positive; multiclass: top probability vs accuracy. */
  kind: 'binary' | 'multiclass' | null;
  versions: VersionCalibration[];
  message: string | null;
}

export interface OperatingPointsRequest {
  cohort: Predicate | null;
  /** Per version; a version without one uses 0.5 (the app's default). */
  thresholds: Record<string, number>;
}

export type VersionPoint = ThresholdStats & { version: string };

export interface OperatingPoints {
  versions: VersionPoint[];
  message: string | null;
}

export interface MatchRequest {
  cohort: Predicate | null;
  baseline: string;
  other: string;
  by: 'fpr' | 'alerts';
  thresholds: Record<string, number>;
}

export interface MatchResult {
  by: 'fpr' | 'alerts';
  baseline: string;
  other: string;
  /** The other version's new threshold (NaN when nothing could be matched). */
  threshold: number;
  /** Baseline false positives (by FPR) or alerts, and what the other version reaches. */
  target: number;
  achieved: number;
  base: ThresholdStats;
  matched: ThresholdStats;
  /** Rows both stats are measured on (both scores present; a label too when by FPR). */
  rows: number;
  message: string | null;
}

/**
 * What a version's "score" is for distributions, density plots and share-above rules:
 * binary → the positive-class probability; multiclass → the predicted class's probability (the
 * model's confidence); regression → the predicted value.
 */
export type ScoreKind = 'score' | 'confidence' | 'prediction';

export interface CurvesRequest {
  cohort: Predicate | null;
  /** Per version; a version without one uses 0.5. Marked on the binary curves. */
  thresholds: Record<string, number>;
  /** Other versions are also marked at the baseline's false-positive rate (matched points). */
  baseline: string | null;
  /** Multiclass: the class taken as positive, one-vs-rest (default: the first class). */
  classIndex?: number;
  /** About how many points each drawn curve keeps. */
  points: number;
}

/** One operating point on a version's curves. */
export interface CurveMark {
  threshold: number;
  fpr: number;
  tpr: number;
  precision: number;
}

export interface VersionCurves {
  version: string;
  /** Rows with a score and a 0/1 label in the cohort, by class. */
  nPos: number;
  nNeg: number;
  /** Areas from the full (not downsampled) curves: equal to the Compare table's ROC-AUC / PR-AUC. */
  auc: number;
  ap: number;
  /** x = FPR, y = TPR. */
  roc: CurveLine;
  /** x = recall, y = precision, from recall 0 up; drawn as steps. */
  pr: CurveLine;
  /** At the version's threshold (binary only). */
  chosen: CurveMark | null;
  /** At the threshold giving the baseline's false-positive rate (binary, non-baseline versions). */
  matched: CurveMark | null;
}

export interface Curves {
  kind: 'binary' | 'one-vs-rest' | null;
  /** The positive class's name, and every class (the one-vs-rest choice). */
  positive: string;
  classIndex: number;
  classes: string[];
  versions: VersionCurves[];
  message: string | null;
}
