// Messages of the embedding map: layouts and colours travel as transferred typed arrays.
import type { Bounds, PointGrid } from '../engine/projection';
import type { Metric } from '../engine/neighbors';
import type { Predicate } from '../shared/predicate';

export type { Bounds, PointGrid, Metric };

/** The layout source: an embedding column's name, or the file's own 2-D coordinates. */
export const FILE_COORDS = 'file-coords';
/** Prefix of a UMAP layout source (`umap:<embedding>`), computed only on request. */
export const UMAP_SOURCE = 'umap:';

/** The embedding column a layout source is made from, or null for the file's coordinates. */
export function embeddingOfSource(source: string): string | null {
  if (source === FILE_COORDS) return null;
  return source.startsWith(UMAP_SOURCE) ? source.slice(UMAP_SOURCE.length) : source;
}

export interface LayoutResult {
  source: string;
  method: 'pca' | 'file' | 'umap';
  /** x, y per row (2n), NaN for rows without a position. Transferred, not copied. */
  coords: Float32Array;
  bounds: Bounds;
  /** Rows with a position. */
  valid: number;
  /** PCA: rows the axes were fitted on (a sample above 50k rows); UMAP: rows laid out. */
  fitted: number | null;
  /** PCA: share of variance on each axis. */
  explained: [number, number] | null;
  grid: PointGrid;
  /** A seeded sample of rows (≤ 100k) drawn while panning and zooming large maps. */
  preview: Uint32Array;
}

export type ColorBy =
  | { kind: 'label' }
  | { kind: 'predicted'; version: string }
  | { kind: 'outcome'; version: string }
  | { kind: 'flip'; from: string; to: string }
  | { kind: 'cohort' }
  | { kind: 'column'; name: string };

/** How codes map to colours: distinct hues, an ordered ramp, or fixed meaning colours. */
export type Ramp = 'categorical' | 'sequential' | 'outcome' | 'flip' | 'cohort';

/** Codes 0–11: categories or bins; OTHER and MISSING are shared; HIDDEN rows are not drawn. */
export const OTHER = 12;
export const MISSING = 13;
export const HIDDEN = 255;

export interface LegendEntry {
  code: number;
  label: string;
  count: number;
}

export interface PointColors {
  codes: Uint8Array;
  ramp: Ramp;
  legend: LegendEntry[];
  title: string;
}

export interface NeighboursRequest {
  /** A row index, or an id (exact string, or `#<index>` when the dataset has no id). */
  row: number | string;
  k: number;
  metric: Metric;
  embedding: string;
  /** Candidates restricted to this cohort; null = all rows. */
  cohort: Predicate | null;
}

export interface NeighbourRow {
  rank: number;
  index: number;
  id: string;
  distance: number;
  label: string | null;
  /** One per version, in the order of `versions`. */
  predictions: (string | null)[];
}

export interface NeighboursResult {
  query: NeighbourRow | null;
  rows: NeighbourRow[];
  versions: string[];
  /** Rows that could be neighbours (cohort, with a vector, not the row itself). */
  candidates: number;
  agreement: { labelled: number; different: number; majority: string | null } | null;
  /** Each other embedding column: how many of these neighbours are also neighbours there. */
  overlap: { embedding: string; shared: number; k: number }[];
  /** Why there is no answer (unknown row, no vector, no such embedding). */
  error: string | null;
}

export interface SelectionResult {
  count: number;
  /** The predicate of the selected rows, or null with a reason when one cannot be made. */
  predicate: Predicate | null;
  reason: string | null;
}

export interface PointInfo {
  id: string;
  label: string | null;
  predictions: { version: string; value: string | null }[];
}

export interface LabelErrorsRequest {
  embedding: string;
  k: number;
  metric: Metric;
  /** The query rows (the active cohort); null = all rows. */
  cohort: Predicate | null;
  /** Neighbours only from within the cohort, too. */
  restrict: boolean;
}

export interface Suspect {
  index: number;
  id: string;
  label: string;
  /** The one other label a strict majority of the labelled neighbours holds, and how many. */
  majority: string;
  majorityCount: number;
  share: number;
  different: number;
  labelled: number;
}

export interface LabelErrorsResult {
  checked: number;
  /** Rows of the cohort with a vector and a label. */
  total: number;
  /** Query rows allowed at this size (each is a full pass over the vectors). */
  cap: number;
  cancelled: boolean;
  suspects: Suspect[];
}
