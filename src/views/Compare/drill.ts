import { cohortFromSelection, useCohorts } from '../../state/cohortStore';
import { useView } from '../../state/viewStore';
import type { Predicate } from '../../protocol';

/** The predicate of a cohort by id ('all' = every row). */
export function cohortPredicate(id: string): Predicate | null {
  return useCohorts.getState().cohorts.find((c) => c.id === id)?.predicate ?? null;
}

/** Turns a clicked count into a cohort (within the cohort it was counted in) and shows its rows. */
export function drillDown(name: string, within: Predicate | null, condition: Predicate): void {
  const predicate: Predicate = within ? { op: 'and', children: [within, condition] } : condition;
  cohortFromSelection(name, predicate);
  useView.getState().setView('rows');
}
