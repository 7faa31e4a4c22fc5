import type { CohortDef } from '../protocol';

/** Deleted cohort ids remembered so another tab's copy does not bring them back (newest kept). */
const MAX_TOMBSTONES = 5000;

export interface CohortRecord {
  cohorts: CohortDef[];
  /** Ids deleted in any tab: a merge never brings them back. */
  deleted: string[];
}

/**
 * Two tabs on one dataset write the same record: merged by cohort id, so neither tab's cohorts
 * replace the other's. This tab's version of a cohort wins; cohorts only the other tab has are
 * kept in their order; deletions from either side stay deleted.
 */
export function mergeCohorts(stored: CohortRecord, mine: CohortRecord): CohortRecord {
  const deleted = [...new Set([...stored.deleted, ...mine.deleted])].slice(-MAX_TOMBSTONES);
  const gone = new Set(deleted);
  const mineById = new Map(mine.cohorts.map((c) => [c.id, c]));
  const storedIds = new Set(stored.cohorts.map((c) => c.id));
  const cohorts = [
    ...stored.cohorts.map((c) => mineById.get(c.id) ?? c),
    ...mine.cohorts.filter((c) => !storedIds.has(c.id)),
  ].filter((c) => !gone.has(c.id));
  return { cohorts, deleted };
}
