// Messages for drawing rows as people see them: images as RGBA pixels, texts clipped.
import type { Predicate } from '../shared/predicate';

export interface ThumbnailsRequest {
  /** An image column (binary, pixel vector, or strings holding image URLs). */
  column: string;
  rows: number[];
  /** Longest side wanted, in pixels; smaller images come at their own size. */
  size: number;
  /** Origins the user allowed for this dataset; nothing else is ever requested. */
  origins: string[];
}

export type Thumbnail =
  | { row: number; width: number; height: number; rgba: Uint8ClampedArray }
  /** Why nothing is drawn; `origin` when allowing that origin would load it. */
  | { row: number; placeholder: string; origin?: string };

export interface InstanceTextRequest {
  column: string;
  row: number;
  /** Characters wanted from the start (the rest is counted, not sent). */
  limit: number;
  /** Its text conditions on this column are highlighted. */
  cohort: Predicate | null;
}

export interface InstanceText {
  text: string | null;
  /** Length of the whole text (characters). */
  total: number;
  /** [start, end) of each match of the cohort's text conditions within `text`. */
  marks: [number, number][];
  error: string | null;
}
