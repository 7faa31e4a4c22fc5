import { create } from 'zustand';

export type ViewName = 'overview' | 'rows' | 'gallery' | 'map' | 'compare' | 'slices';

interface ViewState {
  view: ViewName;
  /** The row whose detail is open, by exact id (or `#<index>` when the dataset has no id). */
  focusedRow: string | null;
  /** The rows table's sort and the columns the user showed or hid (travel in the URL too). */
  rowsSort: { id: string; desc: boolean }[];
  rowsColumns: Record<string, boolean>;
  setView: (v: ViewName) => void;
  focusRow: (id: string | null) => void;
  setRowsSort: (s: { id: string; desc: boolean }[]) => void;
  setRowsColumns: (c: Record<string, boolean>) => void;
}

export const useView = create<ViewState>((set) => ({
  view: 'overview',
  focusedRow: null,
  setView: (view) => set({ view }),
  focusRow: (focusedRow) => set({ focusedRow }),
  rowsSort: [],
  rowsColumns: {},
  setRowsSort: (rowsSort) => set({ rowsSort }),
  setRowsColumns: (rowsColumns) => set({ rowsColumns }),
}));
