import { useDataset } from './datasetStore';
import { clearSaved } from './savedStorage';
import { applyState } from './restore';
import { EMPTY_STATE } from './schema';

/**
 * "Reset this dataset's saved state": forgets roles, cohorts, rules, thresholds and view kept
 * for the open dataset (storage and link), and returns to what the file itself says.
 */
export async function resetSavedState(): Promise<void> {
  const summary = useDataset.getState().summary;
  if (!summary) return;
  await clearSaved(summary.fingerprint);
  window.history.replaceState(null, '', linkWithDataOnly(window.location));
  applyState({ ...EMPTY_STATE, view: 'overview' }, summary.fingerprint);
  useDataset.getState().dismissErrors();
  await useDataset.getState().resetRoles();
}

/** The current address with only the parameters that name data (the rest was state). */
function linkWithDataOnly(loc: Location): string {
  const q = new URLSearchParams(loc.search);
  const keep = new URLSearchParams();
  for (const k of ['data', 'demo']) for (const v of q.getAll(k)) keep.append(k, v);
  return `${loc.pathname}${keep.toString() ? `?${keep}` : ''}${loc.hash}`;
}
