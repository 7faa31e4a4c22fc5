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
  // Server mode: the row at once (a pruned read), its percentiles when the full scan ends.
  const server = client.inServerMode();
  const fast = server ? { ...req, ranks: false } : null;
  const first = useWorkerQuery(fast, () => client.rowDetail(fast!));
  const q = useWorkerQuery(req, () => client.rowDetail(req), { keepPrevious: !server });
  const detail = q.data ?? first.data;
  return { detail, error: q.error ?? first.error, loading: !detail && q.loading, ready };
}
