import { useCohorts } from '../../../state/cohortStore';
import { useCompare } from '../../../state/compareStore';
import { client } from '../../../worker/client';
import type { RulesResult } from '../../../protocol';
import { useCompareContext } from '../Distributions/useCompareContext';
import { useWorkerResult } from '../Distributions/useWorkerResult';

/** The grid for the current rules, saved cohorts and baseline; re-asked as any of them change. */
export function useRules() {
  const { analysis, baseline, stamp } = useCompareContext();
  const rules = useCompare((s) => s.rules);
  const cohorts = useCohorts((s) => s.cohorts);
  const req = { rules, cohorts, baseline };
  const key = analysis && baseline && rules.length > 0 ? JSON.stringify({ ...req, stamp }) : null;
  // A short delay so typing a limit does not start a computation per keystroke.
  return useWorkerResult<RulesResult>(key, () => client.evaluateRules(req), 250);
}
