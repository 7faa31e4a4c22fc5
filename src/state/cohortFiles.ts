import type { CohortDef } from '../protocol';
import { pruneMissing } from '../shared/cohortValidate';
import { Problems } from './schema';
import { readCohorts } from './schema/cohorts';
import { newCohortId } from './cohortStore';

export const COHORT_FILE_FORMAT = 'workbench-cohorts';

export function exportCohorts(cohorts: CohortDef[]): string {
  return JSON.stringify({ format: COHORT_FILE_FORMAT, version: 1, cohorts }, null, 2);
}

/** Largest cohorts or workspace file read (definitions only: a bigger one is not a workspace). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Why a file is too large to import, or null. Checked before a byte is read. */
export function importTooLarge(size: number): string | null {
  return size > MAX_IMPORT_BYTES
    ? `the file is ${(size / 2 ** 20).toFixed(1)} MB; imports hold at most ${MAX_IMPORT_BYTES / 2 ** 20} MB of definitions`
    : null;
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
  input: string | unknown,
  has: { column: (name: string) => boolean; version: (name: string) => boolean },
): ImportResult {
  let parsed: unknown = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch {
      return { cohorts: [], problems: ['the file is not JSON'] };
    }
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { cohorts?: unknown })?.cohorts;
  if (!Array.isArray(list)) return { cohorts: [], problems: ['the file has no "cohorts" list'] };
  const checked = new Problems('the file');
  const cohorts: CohortDef[] = [];
  const problems: string[] = [];
  for (const c of readCohorts(list, checked, false)) {
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
  return { cohorts, problems: [...problems, ...checked.list] };
}
