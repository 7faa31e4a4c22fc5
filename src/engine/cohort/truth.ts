import type { Column } from '../../data/types';

/**
 * Three-valued logic, so a null never silently counts as "not in range": a comparison with a
 * null is UNKNOWN, NOT(UNKNOWN) is UNKNOWN, and only TRUE rows belong to the cohort (as in SQL).
 * Encoded so that AND is min, OR is max and NOT is 2 − v.
 */
export const FALSE = 0;
export const UNKNOWN = 1;
export const TRUE = 2;

export class CohortError extends Error {}

/** What predicates read: columns by name, and the role arrays by version name. */
export interface CohortData {
  n: number;
  column(name: string): Column | undefined;
  label: Int32Array | null;
  classes: string[];
  version(
    name: string,
  ): { pred: Int32Array | null; score: Float32Array | Float64Array | null } | undefined;
  idKey: ((i: number) => string | null) | null;
}
