import { useShallow } from 'zustand/react/shallow';
import { client } from '../../worker/client';
import type { NeighboursResult } from '../../protocol';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { useNeighbourSettings } from './neighbourSettings';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';

export interface NeighboursState {
  result: NeighboursResult | null;
  loading: boolean;
  error: string | null;
  embedding: string | null;
}

/** The exact neighbours of a row (by id or `#index`) under the shared settings. */
export function useNeighbours(rowId: string | null): NeighboursState {
  const s = useNeighbourSettings(
    useShallow((x) => ({ embedding: x.embedding, k: x.k, metric: x.metric, restrict: x.restrict })),
  );
  const embeddings = useDataset((d) => d.roles?.embeddings);
  const cohort = useCohorts(activePredicate);
  const embedding =
    s.embedding && embeddings?.includes(s.embedding) ? s.embedding : (embeddings?.[0] ?? null);
  const req = { row: rowId ?? '', k: s.k, metric: s.metric, embedding: embedding ?? '', cohort };
  if (!s.restrict) req.cohort = null;
  const q = useWorkerQuery<NeighboursResult>(
    rowId && embedding ? req : null,
    () => client.neighbours(req),
    { keepPrevious: false },
  );
  if (!rowId || !embedding) return { result: null, loading: false, error: null, embedding };
  return { result: q.data, error: q.error ?? q.data?.error ?? null, loading: q.loading, embedding };
}
