import { useEffect, useState } from 'react';
import type { CohortStats, Predicate } from '../../protocol';
import { client } from '../../worker/client';

/** Live size of the cohort being built, evaluated in the worker as the user edits. */
export function useDraftSize(predicate: Predicate | null): CohortStats | null {
  const key = predicate ? JSON.stringify(predicate) : '';
  const [state, setState] = useState<{ key: string; stats: CohortStats } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const t = setTimeout(() => {
      client
        .cohorts([{ id: 'draft', name: 'draft', predicate: JSON.parse(key) as Predicate }])
        .then(([stats]) => live && stats && setState({ key, stats }))
        .catch(() => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);
  return state && state.key === key ? state.stats : null;
}
