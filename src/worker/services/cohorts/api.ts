import type { CohortDef, Field } from '../../../protocol';
import type { Session } from '../../session/session';

/** Cohort sizes and metrics, and the filter builder's field profiles. */
export function cohortsApi(session: Session) {
  return {
    cohorts: (defs: CohortDef[]) => session.cohorts(defs),
    profile: (field: Field, search?: string) => session.profile(field, search),
  };
}
