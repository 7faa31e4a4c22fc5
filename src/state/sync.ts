import { useCohorts } from './cohortStore';
import { loadCohorts, saveCohorts } from './cohortStorage';
import { useDataset } from './datasetStore';
import { type UrlState, parseUrlState, writeUrlState } from './urlState';
import { useView } from './viewStore';
import { useCompare } from './compareStore';
import { loadCompare, saveCompare } from './compareStorage';

/**
 * Wires the stores together: a newly opened dataset gets its cohorts (from the link it was opened
 * with, else from storage); every change is stored and mirrored into the URL.
 */
export function startSync(): () => void {
  // The link's state applies to the first dataset opened after start-up (from URLs or from the
  // same local files opened by hand), then storage takes over.
  let pending: UrlState | null = parseUrlState(window.location.search);
  let fingerprint: string | null = null;

  const unsubDataset = useDataset.subscribe((s, prev) => {
    const fp = s.summary?.fingerprint ?? null;
    if (fp && fp !== fingerprint) {
      fingerprint = fp;
      const fromUrl = pending?.cohorts
        ? { cohorts: pending.cohorts, activeId: pending.active }
        : null;
      const stored = fromUrl ?? loadCohorts(fp) ?? { cohorts: [], activeId: null };
      useCohorts.getState().replaceAll(stored.cohorts, fp, stored.activeId);
      useCompare.getState().reset(pending?.compare ?? loadCompare(fp) ?? {});
      if (pending?.view) useView.getState().setView(pending.view);
      useView.getState().focusRow(pending?.row ?? null);
      useView.getState().setRowsSort(pending?.sort ? [pending.sort] : []);
      useView.getState().setRowsColumns(pending?.cols ?? {});
      pending = null;
    }
    if (s.analysis !== prev.analysis && s.analysis) void useCohorts.getState().refresh();
    mirror();
  });

  const unsubCohorts = useCohorts.subscribe((s, prev) => {
    if (s.cohorts === prev.cohorts && s.activeId === prev.activeId) return;
    if (s.fingerprint) saveCohorts(s.fingerprint, { cohorts: s.cohorts, activeId: s.activeId });
    mirror();
  });
  const unsubView = useView.subscribe(mirror);
  const unsubCompare = useCompare.subscribe((s, prev) => {
    if (fingerprint)
      saveCompare(fingerprint, { baseline: s.baseline, thresholds: s.thresholds, rules: s.rules });
    if (s.thresholds !== prev.thresholds) void useDataset.getState().applyThresholds(s.thresholds);
    mirror();
  });

  // One URL write per burst of store changes, after the event that caused them: a cohort save
  // updates several stores, and replaceState inside the click handler only lengthens its task.
  let scheduled = 0;
  function mirror() {
    if (!scheduled) scheduled = window.setTimeout(writeNow, 0);
  }

  function writeNow() {
    scheduled = 0;
    if (!useDataset.getState().summary) return;
    const { roles, rolesFromStorage } = useDataset.getState();
    const { cohorts, activeId } = useCohorts.getState();
    const { view, focusedRow, rowsSort, rowsColumns } = useView.getState();
    const { baseline, thresholds, rules } = useCompare.getState();
    writeUrlState({
      roles: rolesFromStorage ? roles : null,
      cohorts,
      active: activeId,
      view,
      row: focusedRow,
      compare: { baseline, thresholds, rules },
      sort: rowsSort[0] ?? null,
      cols: rowsColumns,
    });
  }

  return () => {
    window.clearTimeout(scheduled);
    unsubDataset();
    unsubCohorts();
    unsubView();
    unsubCompare();
  };
}
