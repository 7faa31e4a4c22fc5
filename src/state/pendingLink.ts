import { create } from 'zustand';
import { type DatasetLink, linkFits, parseDatasetLink } from './datasetLink';
import { handlesFor } from './fileHandles';

interface PendingLinkState {
  /** The dataset the page was opened for (by a link or a reload), until it is open. */
  link: DatasetLink | null;
  /** Kept file handles for that dataset (Chromium), for "Reopen" in one click. */
  handles: FileSystemFileHandle[] | null;
  /** A dataset with this fingerprint opened: true (and the prompt goes) when the link fits it. */
  take: (fingerprint: string) => boolean;
  dismiss: () => void;
}

export const usePendingLink = create<PendingLinkState>((set, get) => ({
  link: null,
  handles: null,
  take: (fingerprint) => {
    if (!linkFits(get().link, fingerprint)) return false;
    set({ link: null, handles: null });
    return true;
  },
  dismiss: () => set({ link: null, handles: null }),
}));

/** Reads the link the page was opened with; looks up kept file handles for its dataset. */
export function initPendingLink(search: string): void {
  const link = parseDatasetLink(search);
  usePendingLink.setState({ link, handles: null });
  if (link)
    void handlesFor(link.fingerprint).then((handles) => {
      if (usePendingLink.getState().link === link) usePendingLink.setState({ handles });
    });
}
