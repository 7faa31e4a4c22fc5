import type { BinnedFeature } from './types';

/**
 * Benjamini–Hochberg q-values for the tested p-values within a family of m ≥ p.length
 * hypotheses, the untested ones counted as p = 1. That keeps the correction honest when the
 * search only tests part of a lattice level it chose by looking at the data (level 3 refines the
 * best level-2 slices): the whole level is in the family, not just the winners.
 */
export function bhQ(p: ArrayLike<number>, m: number): Float64Array {
  const k = p.length;
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => p[x]! - p[y]!);
  const q = new Float64Array(k);
  let running = 1;
  for (let r = k - 1; r >= 0; r--) {
    const i = order[r]!;
    running = Math.min(running, (p[i]! * Math.max(m, k)) / (r + 1));
    q[i] = running;
  }
  return q;
}

/** A (feature, bin, feature, bin) pair as one exact number (features < 4096, bins < 256). */
export function pairKey(f: number, a: number, g: number, b: number): number {
  return ((f * 256 + a) * 4096 + g) * 256 + b;
}

/**
 * Size of level 3 of the lattice as SliceLine generates it: 3-condition slices on three
 * different features whose three 2-condition parents all have enough rows. (Their own size is
 * unknown without counting, so this is an upper bound: conservative for the correction.)
 */
export function latticeLevel3(
  level2: Set<number>,
  level2List: number[][],
  features: BinnedFeature[],
) {
  let count = 0;
  for (const [f, a, g, b] of level2List) {
    for (let h = g! + 1; h < features.length; h++) {
      const k = features[h]!.bins.length;
      for (let c = 0; c < k; c++) {
        if (level2.has(pairKey(f!, a!, h, c)) && level2.has(pairKey(g!, b!, h, c))) count++;
      }
    }
  }
  return count;
}
