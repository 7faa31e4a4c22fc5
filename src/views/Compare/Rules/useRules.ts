import { useCohorts } from '../../../state/cohortStore';
import { useCompare } from '../../../state/compareStore';
import { client } from '../../../worker/client';
import type { RulesResult } from '../../../protocol';
import { useSession } from '../../../state/query/useSession';
import { useWorkerQuery } from '../../../state/query/useWorkerQuery';

/** The grid for the current rules, saved cohorts and baseline; re-asked as any of them change. */
export function useRules() {
  const { baseline } = useSession();
  const rules = useCompare((s) => s.rules);
  const cohorts = useCohorts((s) => s.cohorts);
  const req = { rules, cohorts, baseline };
  // A short delay so typing a limit does not start a computation per keystroke.
  return useWorkerQuery<RulesResult>(
    baseline && rules.length > 0 ? req : null,
    () => client.evaluateRules(req),
    { delay: 250 },
  );
}
