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
  /**
   * Server mode: the map holds a sample of the rows, not all of them. Point i is row `rows[i]`
   * (row indices, ascending) of `of` rows in all; indices elsewhere in this result (grid,
   * preview, colours, point info) are point indices.
   */
  sample?: { rows: Int32Array; of: number };
}

export type ColorBy =
  | { kind: 'label' }
  | { kind: 'predicted'; version: string }
  | { kind: 'outcome'; version: string }
  | { kind: 'flip'; from: string; to: string }
  | { kind: 'cohort' }
  | { kind: 'column'; name: string };

export { HIDDEN, MISSING, OTHER } from '../shared/colorCodes';
export type { LegendEntry, PointColors, Ramp } from '../shared/colorCodes';

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

/** A cohort of picked ids is carried in the link and in storage, so its size is capped. */
export const MAX_SELECTION_IDS = 20_000;

export interface SelectionResult {
  count: number;
  /** The predicate of the selected rows, or null with a reason when one cannot be made. */
  predicate: Predicate | null;
  reason: string | null;
}

/**
 * The answer to a box or lasso of `count` rows: a cohort of their ids (`ids`, in row order), or
 * why there is none (`ids` null: the dataset has no id column). Both backends answer through it.
 */
export function selectionOf(count: number, ids: string[] | null): SelectionResult {
  if (!ids)
    return {
      count,
      predicate: null,
      reason: 'This dataset has no id column, so a selection cannot become a cohort.',
    };
  if (count > MAX_SELECTION_IDS)
    return {
      count,
      predicate: null,
      reason: `A cohort of picked rows holds at most ${MAX_SELECTION_IDS.toLocaleString('en-US')} ids (it is kept in the link); select fewer.`,
    };
  return { count, predicate: { op: 'ids', ids: [...new Set(ids)] }, reason: null };
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
