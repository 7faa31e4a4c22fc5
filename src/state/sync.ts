import { useCohorts } from './cohortStore';
import { loadCohorts, saveCohorts } from './cohortStorage';
import { useDataset } from './datasetStore';
import { type UrlState, writeUrlState } from './urlState';
import { writeDatasetLink } from './datasetLink';
import { initPendingLink, usePendingLink } from './pendingLink';
import { useView } from './viewStore';
import { useCompare } from './compareStore';
import { loadCompare, saveCompare } from './compareStorage';

/** Gives a newly opened dataset its state: the link's when it fits, else what was stored for it. */
function restore(fp: string, link: UrlState | null): void {
  const fromUrl = link?.cohorts ? { cohorts: link.cohorts, activeId: link.active } : null;
  const stored = fromUrl ?? loadCohorts(fp) ?? { cohorts: [], activeId: null };
  useCohorts.getState().replaceAll(stored.cohorts, fp, stored.activeId);
  useCompare.getState().reset(link?.compare ?? loadCompare(fp) ?? {});
  if (link?.view) useView.getState().setView(link.view);
  useView.getState().focusRow(link?.row ?? null);
  useView.getState().setRowsSort(link?.sort ? [link.sort] : []);
  useView.getState().setRowsColumns(link?.cols ?? {});
}

/** "Apply what fits": a link made for other files, applied to the open dataset anyway. */
export function applyLinkAnyway(): void {
  const fp = useDataset.getState().summary?.fingerprint;
  if (fp) restore(fp, usePendingLink.getState().takeAnyway());
}

/**
 * Wires the stores together: a newly opened dataset gets its cohorts (from the link it was opened
 * with when the link names that dataset, else from storage); every change is stored and
 * mirrored into the URL.
 */
export function startSync(): () => void {
  // The link's state waits for the dataset it names (from URLs, or the same local files opened
  // or reopened by hand); it is never applied to other data unless the user asks.
  initPendingLink(window.location.search);
  let fingerprint: string | null = null;

  const unsubDataset = useDataset.subscribe((s, prev) => {
    const fp = s.summary?.fingerprint ?? null;
    if (fp && fp !== fingerprint) {
      fingerprint = fp;
      restore(fp, usePendingLink.getState().take(fp));
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
    const { roles, rolesFromStorage, summary, sources } = useDataset.getState();
    if (!summary) return;
    writeDatasetLink(summary, sources);
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
