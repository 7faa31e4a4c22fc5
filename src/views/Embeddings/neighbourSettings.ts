import { create } from 'zustand';
import type { Metric } from '../../protocol';

/** Neighbour settings shared by the map and the row detail, so both list the same neighbours. */
interface NeighbourSettings {
  /** Embedding column searched; null = the dataset's first. */
  embedding: string | null;
  k: number;
  metric: Metric;
  /** Only rows of the active cohort can be neighbours. */
  restrict: boolean;
  set: (patch: Partial<Omit<NeighbourSettings, 'set'>>) => void;
}

export const useNeighbourSettings = create<NeighbourSettings>((set) => ({
  embedding: null,
  k: 10,
  metric: 'cosine',
  restrict: false,
  set: (patch) => set(patch),
}));
