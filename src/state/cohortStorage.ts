import type { CohortDef } from '../protocol';
import { parseCohort } from '../shared/cohortValidate';

const KEY = (fp: string) => `workbench:cohorts:${fp}`;

export interface StoredCohorts {
  cohorts: CohortDef[];
  activeId: string | null;
}

/** Cohorts are stored per dataset fingerprint as they change, so a reload or a crash loses nothing. */
export function loadCohorts(fingerprint: string): StoredCohorts | null {
  try {
    const raw = localStorage.getItem(KEY(fingerprint));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { cohorts?: unknown[]; activeId?: unknown };
    const cohorts = (parsed.cohorts ?? [])
      .map(parseCohort)
      .filter((c): c is CohortDef => !!c && !!c.id);
    const activeId =
      typeof parsed.activeId === 'string' && cohorts.some((c) => c.id === parsed.activeId)
        ? parsed.activeId
        : null;
    return { cohorts, activeId };
  } catch {
    return null;
  }
}

export function saveCohorts(fingerprint: string, s: StoredCohorts): void {
  try {
    localStorage.setItem(KEY(fingerprint), JSON.stringify(s));
  } catch {
    // Storage full or disabled: the URL still carries the cohorts.
  }
}
