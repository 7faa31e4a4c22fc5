import type { RoleMapping } from '../shared/roles';
import type { DatasetSummary } from '../protocol';
import { newCohortId, useCohorts } from './cohortStore';
import { useCompare } from './compareStore';
import { mergeCohorts } from './mergeCohorts';
import { loadSaved } from './savedStorage';
import type { SavedState } from './schema';
import { linkHasState, readLinkState } from './urlState';
import { useView } from './viewStore';
import { usePendingLink } from './pendingLink';

// The link's state applies once, over what storage holds, to the dataset the link names (its
// fingerprint, `ds`; a link without one names none and fits the first dataset opened), or to
// whatever is open when the user asks ("Apply what fits"). Other datasets get storage only.
// The address as the page was opened: the mirror rewrites it for whatever opens first, and a
// link waiting for its dataset must still be read as it was sent.
const linkSearch = typeof window !== 'undefined' ? window.location.search : '';
let linkPending = linkHasState(linkSearch);

/** The link's parts win over storage's; cohorts are the union by id (none silently lost). */
function overlay(stored: SavedState, link: SavedState, deleted: Set<string>): SavedState {
  // A link cohort this browser deleted since comes back under a new id, not vanish again.
  const linkCohorts = (link.cohorts ?? []).map((c) =>
    deleted.has(c.id) ? { ...c, id: newCohortId() } : c,
  );
  const cohorts = mergeCohorts(
    { cohorts: stored.cohorts ?? [], deleted: [] },
    { cohorts: linkCohorts, deleted: [] },
  ).cohorts;
  return {
    roles: link.roles ?? stored.roles,
    cohorts,
    activeId: link.activeId ?? stored.activeId,
    compare: link.compare ?? stored.compare,
    view: link.view,
    row: link.row,
    sort: link.sort,
    cols: link.cols,
  };
}

/**
 * A dataset was opened: reads what storage (and, the first time, the link) holds for it, checks
 * it, applies cohorts, comparison settings and view to their stores, and returns the roles
 * (null: use the inferred ones) and what was dropped, to show.
 */
export async function restoreFor(
  summary: DatasetSummary,
  anyway = false,
): Promise<{ roles: RoleMapping | null; problems: string[] }> {
  const names = new Set(summary.columns.map((c) => c.name));
  const has = (c: string) => names.has(c);
  const saved = await loadSaved(summary.fingerprint, has);
  let state = saved.state;
  const problems = [...saved.problems];
  const fits = usePendingLink.getState().take(summary.fingerprint);
  if (linkPending && (fits || anyway)) {
    linkPending = false;
    const link = await readLinkState(linkSearch, has);
    problems.push(...link.problems);
    state = overlay(state, link.state, new Set(saved.deleted));
  }
  applyState(state, summary.fingerprint);
  return { roles: state.roles, problems };
}

export function applyState(s: SavedState, fingerprint: string): void {
  useCohorts.getState().replaceAll(s.cohorts ?? [], fingerprint, s.activeId);
  useCompare.getState().reset(s.compare ?? {});
  const view = useView.getState();
  if (s.view) view.setView(s.view);
  view.focusRow(s.row);
  view.setRowsSort(s.sort ? [s.sort] : []);
  view.setRowsColumns(s.cols ?? {});
}
