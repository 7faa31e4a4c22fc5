import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { client } from '../../worker/client';
import type { NeighboursResult } from '../../protocol';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { useNeighbourSettings } from './neighbourSettings';

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
  const analysis = useDataset((d) => d.analysis);
  const cohort = useCohorts(activePredicate);
  const embedding =
    s.embedding && embeddings?.includes(s.embedding) ? s.embedding : (embeddings?.[0] ?? null);
  const [state, setState] = useState<{
    key: string;
    result: NeighboursResult | null;
    error: string | null;
  }>({
    key: '',
    result: null,
    error: null,
  });
  const req = {
    row: rowId,
    k: s.k,
    metric: s.metric,
    embedding,
    cohort: s.restrict ? cohort : null,
  };
  const key = JSON.stringify(req);
  useEffect(() => {
    const r = JSON.parse(key) as typeof req;
    if (!r.row || !r.embedding || !analysis) return;
    let live = true;
    client.neighbours({ ...r, row: r.row, embedding: r.embedding }).then(
      (result) => live && setState({ key, result, error: result.error }),
      (err: unknown) =>
        live && setState({ key, result: null, error: String((err as Error).message ?? err) }),
    );
    return () => {
      live = false;
    };
  }, [key, analysis]);
  if (!rowId || !embedding) return { result: null, loading: false, error: null, embedding };
  if (state.key !== key) return { result: null, loading: true, error: null, embedding };
  return { result: state.result, error: state.error, loading: false, embedding };
}
