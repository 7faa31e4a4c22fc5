import type { CohortDef } from '../protocol';
import { parseCohort, pruneMissing } from '../shared/cohortValidate';
import { newCohortId } from './cohortStore';

export const COHORT_FILE_FORMAT = 'workbench-cohorts';

export function exportCohorts(cohorts: CohortDef[]): string {
  return JSON.stringify({ format: COHORT_FILE_FORMAT, version: 1, cohorts }, null, 2);
}

export interface ImportResult {
  cohorts: CohortDef[];
  problems: string[];
}

/**
 * Reads a cohorts file: conditions naming a column or version this dataset lacks are left out
 * (and named), the rest of each cohort is kept; malformed entries are skipped and counted.
 */
export function importCohorts(
  text: string,
  has: { column: (name: string) => boolean; version: (name: string) => boolean },
): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { cohorts: [], problems: ['the file is not JSON'] };
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { cohorts?: unknown })?.cohorts;
  if (!Array.isArray(list)) return { cohorts: [], problems: ['the file has no "cohorts" list'] };
  const cohorts: CohortDef[] = [];
  const problems: string[] = [];
  let malformed = 0;
  for (const raw of list) {
    const c = parseCohort(raw);
    if (!c) {
      malformed++;
      continue;
    }
    const { predicate, missing } = pruneMissing(c.predicate, has);
    if (missing.length) {
      problems.push(
        predicate
          ? `cohort "${c.name}" names ${missing.join(', ')}, which this dataset lacks; those conditions were left out`
          : `cohort "${c.name}" was skipped: it only names ${missing.join(', ')}, which this dataset lacks`,
      );
    }
    if (predicate) cohorts.push({ id: newCohortId(), name: c.name, predicate });
  }
  if (malformed) problems.push(`${malformed} entries were not valid cohorts and were skipped`);
  return { cohorts, problems };
}
