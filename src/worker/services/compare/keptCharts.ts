// Chart answers that read only scores, labels and the cohort (score distributions, the joint
// density, calibration) kept across threshold edits (issue 15): the session's memo dies with
// every re-analysis, and re-binning a million rows for each chart after each edit (or after a
// commit made mid-word) held the worker ahead of the next edit's tables. A cohort defined by
// predictions moves with the thresholds, so its charts are not kept here.
import type { Predicate } from '../../../shared/predicate';
import type { OpenDataset } from '../../session/dataset';

const kept = new WeakMap<OpenDataset, Map<string, unknown>>();
const MAX = 48;

/** Whether a cohort's rows depend on predicted classes (and so on the thresholds). */
export function readsPredictions(p: Predicate): boolean {
  switch (p.op) {
    case 'and':
    case 'or':
      return p.children.some(readsPredictions);
    case 'not':
      return readsPredictions(p.child);
    case 'predicted':
    case 'outcome':
    case 'changed':
    case 'flip':
      return true;
    default:
      return false;
  }
}

/** `compute()` once per roles, cohort and `key` (everything else the answer depends on). */
export function keptAcrossThresholds<T>(
  d: OpenDataset,
  cohort: Predicate | null,
  key: unknown,
  compute: () => T,
): T {
  if (cohort && readsPredictions(cohort)) return compute();
  let m = kept.get(d);
  if (!m) kept.set(d, (m = new Map()));
  const k = JSON.stringify([d.roles, cohort, key]);
  if (m.has(k)) return m.get(k) as T;
  const v = compute();
  if (m.size >= MAX) m.delete(m.keys().next().value!);
  m.set(k, v);
  return v;
}
