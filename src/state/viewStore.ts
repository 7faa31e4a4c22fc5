import { create } from 'zustand';

export type ViewName = 'overview' | 'rows' | 'map' | 'compare' | 'slices';

interface ViewState {
  view: ViewName;
  /** The row whose detail is open, by exact id (or `#<index>` when the dataset has no id). */
  focusedRow: string | null;
  setView: (v: ViewName) => void;
  focusRow: (id: string | null) => void;
}

export const useView = create<ViewState>((set) => ({
  view: 'overview',
  focusedRow: null,
  setView: (view) => set({ view }),
  focusRow: (focusedRow) => set({ focusedRow }),
}));
