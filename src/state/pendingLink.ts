import { create } from 'zustand';
import { type DatasetLink, linkFits, parseDatasetLink } from './datasetLink';
import { handlesFor } from './fileHandles';
import { type UrlState, parseUrlState } from './urlState';

interface PendingLinkState {
  /** The dataset the page was opened for (by a link or a reload), until it is open. */
  link: DatasetLink | null;
  /** The link's cohorts, row, view, … waiting for that dataset. */
  state: UrlState | null;
  /** Kept file handles for that dataset (Chromium), for "Reopen" in one click. */
  handles: FileSystemFileHandle[] | null;
  /** The state for a dataset with this fingerprint: the link's when it fits (used once). */
  take: (fingerprint: string) => UrlState | null;
  /** "Apply what fits": the link's state for whatever is open, however it differs. */
  takeAnyway: () => UrlState | null;
  dismiss: () => void;
}

export const usePendingLink = create<PendingLinkState>((set, get) => ({
  link: null,
  state: null,
  handles: null,
  take: (fingerprint) => {
    const { link, state } = get();
    if (!state || !linkFits(link, fingerprint)) return null;
    set({ link: null, state: null, handles: null });
    return state;
  },
  takeAnyway: () => {
    const { state } = get();
    set({ link: null, state: null, handles: null });
    return state;
  },
  dismiss: () => set({ link: null, state: null, handles: null }),
}));

/** Reads the link the page was opened with; looks up kept file handles for its dataset. */
export function initPendingLink(search: string): void {
  const link = parseDatasetLink(search);
  usePendingLink.setState({ link, state: parseUrlState(search), handles: null });
  if (link)
    void handlesFor(link.fingerprint).then((handles) => {
      if (usePendingLink.getState().link === link) usePendingLink.setState({ handles });
    });
}
