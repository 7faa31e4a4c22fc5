import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { client } from '../../worker/client';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';

/**
 * The detail of one row, asked again when the roles, the active cohort or the saved cohorts
 * change; the previous answer stays on screen meanwhile (no flash of "Loading").
 */
export function useRowDetail(row: string, occurrence: number) {
  const ready = useDataset((s) => !!s.summary && !!s.analysis);
  const cohort = useCohorts(activePredicate);
  const cohorts = useCohorts((s) => s.cohorts);
  const req = { row, cohort, cohorts, occurrence };
  const q = useWorkerQuery(req, () => client.rowDetail(req));
  return { detail: q.data, error: q.error, loading: q.loading, ready };
}
