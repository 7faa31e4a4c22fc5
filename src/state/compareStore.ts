import { create } from 'zustand';
import type { ReleaseRule } from '../protocol';

interface CompareState {
  /** The version every other is compared with; null = the first version. */
  baseline: string | null;
  /** Binary task: each version's decision threshold (default 0.5). */
  thresholds: Record<string, number>;
  rules: ReleaseRule[];
  setBaseline: (v: string | null) => void;
  setThreshold: (version: string, t: number) => void;
  setRules: (rules: ReleaseRule[]) => void;
  reset: (s: Partial<Pick<CompareState, 'baseline' | 'thresholds' | 'rules'>>) => void;
}

export const useCompare = create<CompareState>((set) => ({
  baseline: null,
  thresholds: {},
  rules: [],
  setBaseline: (baseline) => set({ baseline }),
  setThreshold: (version, t) => set((s) => ({ thresholds: { ...s.thresholds, [version]: t } })),
  setRules: (rules) => set({ rules }),
  reset: (s) => set({ baseline: null, thresholds: {}, rules: [], ...s }),
}));

/** The baseline actually in force, given the dataset's versions. */
export function baselineOf(s: Pick<CompareState, 'baseline'>, versions: string[]): string | null {
  return s.baseline && versions.includes(s.baseline) ? s.baseline : (versions[0] ?? null);
}

export function thresholdOf(s: Pick<CompareState, 'thresholds'>, version: string): number {
  // Own keys only: a version named "constructor" (column score_constructor) has no threshold.
  return Object.hasOwn(s.thresholds, version) ? s.thresholds[version]! : 0.5;
}
