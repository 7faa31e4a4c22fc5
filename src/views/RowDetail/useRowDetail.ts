import { useEffect, useMemo, useState } from 'react';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { client } from '../../worker/client';
import type { RowDetail, RowDetailRequest } from '../../protocol';

/**
 * The detail of one row, asked again when the roles, the active cohort or the saved cohorts
 * change; the previous answer stays on screen meanwhile (no flash of "Loading").
 */
export function useRowDetail(row: string, occurrence: number) {
  const summary = useDataset((s) => s.summary);
  const analysis = useDataset((s) => s.analysis);
  const cohort = useCohorts(activePredicate);
  const cohorts = useCohorts((s) => s.cohorts);
  const reqJson = JSON.stringify({ row, cohort, cohorts, occurrence });
  const req = useMemo(() => JSON.parse(reqJson) as RowDetailRequest, [reqJson]);
  const [got, setGot] = useState<{
    for: string;
    detail: RowDetail | null;
    error: string | null;
  } | null>(null);

  useEffect(() => {
    if (!summary || !analysis) return;
    let live = true;
    client.rowDetail(req).then(
      (detail) => live && setGot({ for: reqJson, detail, error: null }),
      (err: unknown) =>
        live &&
        setGot({
          for: reqJson,
          detail: null,
          error: err instanceof Error ? err.message : String(err),
        }),
    );
    return () => {
      live = false;
    };
  }, [req, reqJson, summary, analysis]);

  return {
    detail: got?.detail ?? null,
    error: got?.error ?? null,
    loading: !got || got.for !== reqJson,
    ready: !!summary && !!analysis,
  };
}
