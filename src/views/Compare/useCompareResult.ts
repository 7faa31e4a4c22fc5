import { useEffect, useState } from 'react';
import { useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { baselineOf, useCompare } from '../../state/compareStore';
import { client } from '../../worker/client';
import type { CompareResult } from '../../protocol';

const RESAMPLES = 200;

/**
 * The comparison for all saved cohorts: exact tests and analytic intervals first (at once), then
 * bootstrap intervals as a second pass, so numbers appear immediately and refine.
 */
export function useCompareResult(): {
  result: CompareResult | null;
  refining: boolean;
  error: string | null;
} {
  const analysis = useDataset((s) => s.analysis);
  const roles = useDataset((s) => s.roles);
  const cohorts = useCohorts((s) => s.cohorts);
  const baselineSetting = useCompare((s) => s.baseline);
  const [state, setState] = useState<{
    key: string;
    result: CompareResult | null;
    done: boolean;
    error: string | null;
  } | null>(null);
  const versions = roles?.versions.map((v) => v.name) ?? [];
  const baseline = baselineOf({ baseline: baselineSetting }, versions);
  const key = JSON.stringify({ baseline, cohorts, analysis: analysis?.metrics });
  useEffect(() => {
    if (!analysis || !baseline) return;
    let live = true;
    const req = { baseline, cohorts, seed: 20261126 };
    client
      .compare({ ...req, resamples: 0 })
      .then((result) => {
        if (!live) return null;
        setState({ key, result, done: false, error: null });
        return client.compare({ ...req, resamples: RESAMPLES });
      })
      .then((result) => live && result && setState({ key, result, done: true, error: null }))
      .catch(
        (err: unknown) => live && setState({ key, result: null, done: true, error: String(err) }),
      );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // Until the new answer arrives, the previous one stays on screen (marked as refining).
  return {
    result: state?.result ?? null,
    refining: !state || state.key !== key || !state.done,
    error: state?.key === key ? state.error : null,
  };
}
