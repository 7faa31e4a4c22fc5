import { useMemo } from 'react';
import { activePredicate, useCohorts } from '../../../state/cohortStore';
import { baselineOf, useCompare } from '../../../state/compareStore';
import { useDataset } from '../../../state/datasetStore';
import type { Analysis } from '../../../protocol';

const stamps = new WeakMap<Analysis, number>();
let nextStamp = 1;

/**
 * A number that changes whenever the worker re-analyses (roles or thresholds changed), so a
 * request key that includes it is asked again even when its own fields did not change.
 */
function stampOf(a: Analysis | null): number {
  if (!a) return 0;
  let s = stamps.get(a);
  if (s === undefined) {
    s = nextStamp++;
    stamps.set(a, s);
  }
  return s;
}

/** What every Compare panel of this folder (and Calibration, Thresholds, Rules, Export) reads. */
export function useCompareContext() {
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
