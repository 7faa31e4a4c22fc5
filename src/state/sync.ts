import { useCohorts } from './cohortStore';
import { useDataset } from './datasetStore';
import { writeUrlState } from './urlState';
import { useView } from './viewStore';
import { useCompare } from './compareStore';
import { onStorageError, write } from './savedStorage';
import { followOtherTabs } from './followTabs';
import { writeDatasetLink } from './datasetLink';
import { initPendingLink, usePendingLink } from './pendingLink';
import { restoreFor } from './restore';
import { afterAnswers } from './afterAnswers';

/**
 * Runs `f` once the tasks already queued (React's render of a store change, its effects and the
 * requests they send) have run: at background priority where the browser has a task scheduler
 * (Chromium, Firefox), else after a timer.
 */
function afterViews(f: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask?: PostTask } }).scheduler;
  if (scheduler?.postTask) void scheduler.postTask(f, { priority: 'background' });
  else window.setTimeout(f, 0);
}
type PostTask = (f: () => void, o: { priority: 'background' }) => Promise<void>;

/** "Apply what fits": a link made for other files, applied to the open dataset anyway. */
export async function applyLinkAnyway(): Promise<void> {
  const { summary } = useDataset.getState();
  if (!summary) return;
  usePendingLink.getState().dismiss();
  const restored = await restoreFor(summary, true);
  if (restored.roles) await useDataset.getState().setRoles(restored.roles);
  if (restored.problems.length)
    useDataset.getState().report(
      restored.problems.map((reason) => ({
        action: 'Not applied',
        fileName: 'the link',
        reason,
      })),
    );
}

/**
 * Wires the stores together: every change is stored (IndexedDB, merged by cohort id with other
 * tabs) and mirrored into the URL; other tabs on the same dataset are followed.
 */
export function startSync(): () => void {
  // The link's state waits for the dataset it names (from URLs, or the same local files opened
  // or reopened by hand); it is never applied to other data unless the user asks.
  initPendingLink(window.location.search);
  let lastError = '';
  onStorageError((reason) => {
    if (reason === lastError) return; // once per kind of failure, not on every keystroke
    lastError = reason;
    useDataset
      .getState()
      .report([{ action: 'Could not save', fileName: 'this dataset’s state', reason }]);
  });
  const follow = followOtherTabs();
  const deleted = new Set<string>();

  const unsubDataset = useDataset.subscribe((s, prev) => {
    if (s.summary?.fingerprint !== prev.summary?.fingerprint) deleted.clear();
    if (s.analysis !== prev.analysis && s.analysis) void useCohorts.getState().refresh();
    mirror();
  });

  const unsubCohorts = useCohorts.subscribe((s, prev) => {
    if (s.cohorts === prev.cohorts && s.activeId === prev.activeId) return;
    mirror();
    if (!s.fingerprint || follow.applying() || s.fingerprint !== prev.fingerprint) return;
    const ids = new Set(s.cohorts.map((c) => c.id));
    for (const c of prev.cohorts) if (!ids.has(c.id)) deleted.add(c.id);
    const fp = s.fingerprint;
    const mine = s.cohorts;
    // Stored at once, not after the answers (afterAnswers.ts) as the address is: a reload or a
    // write by another tab or test right after the edit must find this edit stored first (an
    // IndexedDB transaction opened later commits later), which deferral broke (hostile.spec).
    void write(fp, { cohorts: mine, activeId: s.activeId }, [...deleted]).then((merged) => {
      if (!merged) return;
      lastError = '';
      // Another tab's cohorts came in with the merge; unless this tab changed again meanwhile.
      if (useCohorts.getState().cohorts === mine) follow.adopt(fp, merged.cohorts);
      follow.announce(fp);
    });
  });
  const unsubView = useView.subscribe(mirror);
  const unsubCompare = useCompare.subscribe((s, prev) => {
    const fp = useDataset.getState().summary?.fingerprint;
    if (fp && !follow.applying()) {
      void write(
        fp,
        { compare: { baseline: s.baseline, thresholds: s.thresholds, rules: s.rules } },
        [],
      ).then((ok) => ok && follow.announce(fp));
    }
    // The re-analysis (overview metrics, cohort sizes) is asked after what the open view asks for
    // the same edit: the worker answers in order, and Compare's requests carry the thresholds
    // themselves (issue 15), so its tables do not wait for the overview.
    if (s.thresholds !== prev.thresholds)
      afterViews(
        () => void useDataset.getState().applyThresholds(useCompare.getState().thresholds),
      );
    mirror();
  });

  // One URL write per burst of store changes, after the event that caused them and after the
  // answers it asked for are painted (afterAnswers.ts): a cohort save updates several stores, and
  // replaceState between the click and the worker's answer delays the answer's frame.
  let scheduled = false;
  let stopped = false;
  function mirror() {
    if (scheduled) return;
    scheduled = true;
    afterAnswers(writeNow);
  }

  function writeNow() {
    scheduled = false;
    if (stopped) return;
    const { roles, rolesFromStorage, summary, sources } = useDataset.getState();
    if (!summary) return;
    writeDatasetLink(summary, sources);
    const { cohorts, activeId } = useCohorts.getState();
    const { view, focusedRow, rowsSort, rowsColumns } = useView.getState();
    const { baseline, thresholds, rules } = useCompare.getState();
    writeUrlState({
      roles: rolesFromStorage ? roles : null,
      cohorts,
      activeId,
      view,
      row: focusedRow,
      compare: { baseline, thresholds, rules },
      sort: rowsSort[0] ?? null,
      cols: rowsColumns,
    });
  }

  return () => {
    stopped = true;
    follow.close();
    unsubDataset();
    unsubCohorts();
    unsubView();
    unsubCompare();
  };
}
