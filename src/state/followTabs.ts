import type { CohortDef } from '../protocol';
import { useCohorts } from './cohortStore';
import { useCompare } from './compareStore';
import { useDataset } from './datasetStore';
import { loadSaved } from './savedStorage';

/**
 * Two tabs on one dataset follow each other: after a write, a tab announces it on a
 * BroadcastChannel; the others read the merged record and take its cohorts and comparison
 * settings (without writing them back, so no echo).
 */
export function followOtherTabs() {
  const channel =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('model-workbench');
  let applying = false;
  const quietly = (fn: () => void) => {
    applying = true;
    try {
      fn();
    } finally {
      applying = false;
    }
  };
  const current = () => useDataset.getState().summary;

  /** Takes the stored cohorts when they differ from this tab's (another tab added some). */
  function adopt(fingerprint: string, cohorts: CohortDef[]) {
    const s = useCohorts.getState();
    if (s.fingerprint !== fingerprint || sameIds(s.cohorts, cohorts)) return;
    const active = cohorts.some((c) => c.id === s.activeId) ? s.activeId : null;
    quietly(() => s.replaceAll(cohorts, fingerprint, active));
  }

  if (channel)
    channel.onmessage = async (e: MessageEvent<{ fingerprint?: unknown }>) => {
      const summary = current();
      if (!summary || e.data?.fingerprint !== summary.fingerprint) return;
      const names = new Set(summary.columns.map((c) => c.name));
      const { state } = await loadSaved(summary.fingerprint, (c) => names.has(c));
      const s = useCohorts.getState();
      const cohorts = state.cohorts ?? [];
      if (!sameCohorts(s.cohorts, cohorts)) {
        const active = cohorts.some((c) => c.id === s.activeId) ? s.activeId : null;
        quietly(() => s.replaceAll(cohorts, summary.fingerprint, active));
      }
      const c = useCompare.getState();
      const next = state.compare ?? { baseline: null, thresholds: {}, rules: [] };
      if (
        JSON.stringify(next) !==
        JSON.stringify({ baseline: c.baseline, thresholds: c.thresholds, rules: c.rules })
      )
        quietly(() => c.reset(next));
    };

  return {
    applying: () => applying,
    adopt,
    announce: (fingerprint: string) => channel?.postMessage({ fingerprint }),
    close: () => channel?.close(),
  };
}

const sameIds = (a: CohortDef[], b: CohortDef[]) =>
  a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c === b[i]);
const sameCohorts = (a: CohortDef[], b: CohortDef[]) => JSON.stringify(a) === JSON.stringify(b);
