import { useEffect, useLayoutEffect, useState } from 'react';
import { useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { baselineOf, useCompare } from '../../state/compareStore';
import { client } from '../../worker/client';
import type { CompareResult } from '../../protocol';

import { EARLY, RESAMPLES, SEED } from '../../shared/compareBootstrap';

export { RESAMPLES };
const KEPT = 32;

/**
 * Answers already seen, by what they depend on (the dataset, roles, thresholds, baseline and
 * cohorts): coming back to Compare, or to a setting seen before, shows
 * them at once without asking the worker (which keeps its own per-cohort cache as well).
 */
const kept = new Map<string, { result: CompareResult; done: boolean }>();

function keep(key: string, v: { result: CompareResult; done: boolean }) {
  kept.delete(key);
  if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, v);
}

/**
 * The comparison for all saved cohorts: point estimates, exact tests and analytic intervals first
 * (at once), then bootstrap intervals from the first EARLY resamples, then from all RESAMPLES
 * (the same bootstrap running on in the worker), so numbers appear immediately and refine.
 */
export function useCompareResult(): {
  result: CompareResult | null;
  refining: boolean;
  error: string | null;
} {
  const fingerprint = useDataset((s) => s.summary?.fingerprint ?? null);
  const analysis = useDataset((s) => s.analysis);
  const roles = useDataset((s) => s.roles);
  const cohorts = useCohorts((s) => s.cohorts);
  const baselineSetting = useCompare((s) => s.baseline);
  const thresholds = useCompare((s) => s.thresholds);
  const versions = roles?.versions.map((v) => v.name) ?? [];
  const baseline = baselineOf({ baseline: baselineSetting }, versions);
  const key = JSON.stringify({
    fingerprint,
    roles,
    baseline,
    cohorts,
    // The thresholds as the page holds them, not the analysis that follows them: a threshold
    // edit sends this request at once (carrying them), without waiting for the re-analysis.
    thresholds,
    analysed: analysis !== null,
  });
  const [state, setState] = useState<{
    key: string;
    result: CompareResult | null;
    done: boolean;
    error: string | null;
  } | null>(() => {
    const hit = kept.get(key);
    return hit ? { key, ...hit, error: null } : null;
  });
  // A layout effect, so the request is sent before the panels below send theirs (their effects
  // run after every layout effect): the worker answers the headline numbers first.
  useLayoutEffect(() => {
    if (!analysis || !baseline) return;
    let live = true;
    const req = { baseline, cohorts, seed: SEED, thresholds };
    const hit = kept.get(key);
    if (hit?.done) return; // shown from `kept` below
    const points = hit
      ? Promise.resolve(hit.result)
      : client.compare({ ...req, resamples: 0 }).then((result) => {
          keep(key, { result, done: false });
          return result;
        });
    points
      .then((result) => {
        if (!live) return null;
        setState({ key, result, done: false, error: null });
        return client.compare({ ...req, resamples: RESAMPLES, early: EARLY });
      })
      .then((result) => {
        if (!result) return null;
        // A backend that does not answer early (the DuckDB server) sends the final intervals.
        if (result.resamples >= RESAMPLES) return result;
        keep(key, { result, done: false });
        if (live) setState({ key, result, done: false, error: null });
        return live ? client.compare({ ...req, resamples: RESAMPLES }) : null;
      })
      .then((result) => {
        if (!result) return;
        keep(key, { result, done: true });
        if (live) setState({ key, result, done: true, error: null });
      })
      .catch((err: unknown) => {
        // A bootstrap superseded by a newer request is not an error; the newer one answers.
        if (err instanceof Error && /cancelled/.test(err.message)) return;
        if (live) setState({ key, result: null, done: true, error: String(err) });
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // Leaving Compare: the DuckDB server stops a bootstrap still running (the tab keeps it).
  useEffect(() => () => void client.leaveCompare(), []);
  // An answer kept for this key wins; else until the new answer arrives, the previous one stays
  // on screen (marked as refining).
  const hit = kept.get(key);
  const shown = state?.key !== key && hit ? { key, ...hit, error: null } : state;
  return {
    result: shown?.result ?? null,
    refining: !shown || shown.key !== key || !shown.done,
    error: shown?.key === key ? shown.error : null,
  };
}
