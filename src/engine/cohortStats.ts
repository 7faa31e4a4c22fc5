import type { Predicate } from '../shared/predicate';
import { fusedCohortCounts, fusedConditions } from './cohort/fused';
import type { CohortData } from './cohort/truth';
import { computeOverview, type OverviewInput, type VersionMetrics } from './overview';

/**
 * A cohort's size and headline metrics from one fused pass (engine/cohort/fused.ts), or null when
 * the predicate or the task needs the mask path (cohortMask, then computeOverview over the mask):
 * the same numbers, without writing and re-reading a byte per row.
 */
export function fusedCohortStats(
  input: OverviewInput,
  p: Predicate,
  d: CohortData,
): { size: number; metrics: VersionMetrics[] } | null {
  // Regression metrics read the mask row by row; they keep the mask path.
  if (input.task === 'regression') return null;
  const conditions = fusedConditions(p, d);
  if (!conditions) return null;
  const preds = input.versions.flatMap((v) => (v.pred ? [v.pred] : []));
  // AUC walks each score's sorted rows over a mask: build it in the same pass when needed.
  const needMask = input.task === 'binary' && !!input.label && input.versions.some((v) => v.score);
  const k = input.classes.length;
  const f = fusedCohortCounts(input.n, conditions, input.label, preds, k, needMask);
  return { size: f.size, metrics: computeOverview(input, f.mask ?? undefined, f.matrices) };
}
