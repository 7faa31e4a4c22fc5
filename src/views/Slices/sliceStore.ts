import { create } from 'zustand';
import type { SlicesRequest, SlicesResult } from '../../protocol';

type Settings = Omit<SlicesRequest, 'cohort' | 'version' | 'baseline'> & {
  version: string | null;
  baseline: string | null;
};

/** The cohort a search ran within (null = all rows), as it was named when the search started. */
export interface SliceScope {
  id: string | null;
  name: string | null;
}

interface SliceState {
  settings: Settings;
  /** Latest results (partial while running), kept when the user goes to the rows and back. */
  result: SlicesResult | null;
  scope: SliceScope | null;
  progress: number | null;
  error: string | null;
  /** What the last "Make cohort" did, in words (a new cohort, or an existing equal one). */
  notice: string | null;
  set: (s: Partial<Settings>) => void;
  update: (
    p: Partial<Pick<SliceState, 'result' | 'progress' | 'error' | 'scope' | 'notice'>>,
  ) => void;
}

export const useSlices = create<SliceState>((set, get) => ({
  settings: {
    mode: 'failure',
    version: null,
    baseline: null,
    bins: 5,
    minSize: null,
    maxConditions: 3,
  },
  result: null,
  scope: null,
  progress: null,
  error: null,
  notice: null,
  set: (s) => set({ settings: { ...get().settings, ...s } }),
  update: (p) => set(p),
}));
