import { useMemo } from 'react';
import { activePredicate, useCohorts } from '../cohortStore';
import { baselineOf, useCompare } from '../compareStore';
import { useDataset } from '../datasetStore';
import { stampOf } from './useWorkerQuery';

/** What the panels read of the session: analysis, versions, baseline, thresholds, active cohort. */
export function useSession() {
  const analysis = useDataset((s) => s.analysis);
  const summary = useDataset((s) => s.summary);
  const baselineSetting = useCompare((s) => s.baseline);
  const thresholds = useCompare((s) => s.thresholds);
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts((s) => s.cohorts.find((c) => c.id === s.activeId)?.name ?? null);
  const versions = useMemo(() => analysis?.metrics.map((m) => m.version) ?? [], [analysis]);
  const baseline = baselineOf({ baseline: baselineSetting }, versions);
  return {
    analysis,
    summary,
    task: analysis?.task ?? null,
    positiveClass: analysis?.positiveClass ?? null,
    versions,
    baseline,
    thresholds,
    cohort,
    /** The active cohort's name, or null for all rows. */
    cohortName,
    stamp: stampOf(analysis),
  };
}
