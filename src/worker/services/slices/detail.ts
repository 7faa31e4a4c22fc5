import type { Predicate } from '../../../shared/predicate';
import {
  pairedErrorRates,
  pairedMae,
  slicePredicate,
  sliceRows,
  unflip,
  type BinnedFeature,
  type SliceResult,
  type Target,
  type VersionsOnSlice,
} from '../../../engine/slices';
import type { SliceRow } from '../../../protocol';
import type { PerRow } from '../compare/perRow';

export interface DetailContext {
  features: BinnedFeature[];
  target: Target;
  cohort: Predicate | null;
  /** Per-row outcomes of the version and the baseline (paired modes only). */
  paired: { version: PerRow; baseline: PerRow } | null;
  /** Improvement mode searched with the change's sign flipped: shown as the real change. */
  improvement: boolean;
}

function versionsOn(r: SliceResult, c: DetailContext): VersionsOnSlice | null {
  if (!c.paired) return null;
  const rows = sliceRows(r.conds, c.features, c.target);
  const { version: v, baseline: b } = c.paired;
  if (v.correct && b.correct) return pairedErrorRates(rows, v.correct, b.correct);
  if (v.absErr && b.absErr) return pairedMae(rows, v.absErr, b.absErr);
  return null;
}

/** Results as the table shows them: predicate, each version's metric, the change's real sign. */
export function describeResults(results: SliceResult[], c: DetailContext): SliceRow[] {
  return results.map((r) => ({
    ...(c.improvement ? unflip(r) : r),
    predicate: slicePredicate(r, c.cohort),
    versions: versionsOn(r, c),
  }));
}
