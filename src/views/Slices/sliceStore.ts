import { create } from 'zustand';
import type { SlicesRequest, SlicesResult } from '../../protocol';

type Settings = Omit<SlicesRequest, 'cohort' | 'version' | 'baseline'> & {
  version: string | null;
  baseline: string | null;
};

interface SliceState {
  settings: Settings;
  /** Latest results (partial while running), kept when the user goes to the rows and back. */
  result: SlicesResult | null;
  progress: number | null;
  error: string | null;
  set: (s: Partial<Settings>) => void;
  update: (p: Partial<Pick<SliceState, 'result' | 'progress' | 'error'>>) => void;
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
  progress: null,
  error: null,
  set: (s) => set({ settings: { ...get().settings, ...s } }),
  update: (p) => set(p),
}));
