import {
  cellAt,
  countFeature,
  countOver,
  countPair,
  countPairFolded,
  foldedCodes,
  rowsOf,
  totalCell,
} from './count';
import { bhQ, latticeLevel3, pairKey } from './fdr';
import { keyOf, mergeSlices, type Tested } from './merge';
import { refinementBound } from './score';
import { scoreCell } from './scoreCell';
import type {
  BinnedFeature,
  Cell,
  SearchOptions,
  SearchOutcome,
  SearchProgress,
  Target,
} from './types';

/**
 * A refinement whose statistic cannot reach this is never worth testing: z < 1 is p > 0.16
 * before any correction.
 */
const Z_PRUNE = 1;
const SHARE = { one: 0.1, two: 0.6 };

/**
 * SliceLine-style lattice search. Level 1: every bin of every feature (one counting pass per
 * feature). Level 2: every pair of bins of two features whose level-1 slices are both
 * promising (the refinement bound can still reach Z_PRUNE), one counting pass per feature pair.
 * Level 3: the most significant level-2 slices whose bound can still beat the current top
 * results are refined by one more condition (a pass over their rows). Every slice with at least
 * minSize outcomes that is generated gets a one-sided p-value; Benjamini–Hochberg runs over all
 * of them. Yields progress between batches (the caller yields to its event loop and may stop).
 */
export function* searchSlices(
  features: BinnedFeature[],
  target: Target,
  opts: SearchOptions,
): Generator<SearchProgress, SearchOutcome, void> {
  const all = totalCell(target);
  const { minSize, maxConditions } = opts;
  const maxResults = opts.maxResults ?? 30;
  const merge = { maxResults, jaccard: opts.mergeJaccard ?? 0.8 };
  const tested: Tested[] = [];
  let pruned = 0;
  /** Candidates in the family that were not tested (p = 1 in the correction). */
  let untested = 0;
  const test = (conds: number[], cell: Cell) =>
    tested.push({ conds, cell, score: scoreCell(target.kind, cell, all) }) - 1;
  const ranked = (): SearchProgress => {
    const q = bhQ(
      tested.map((t) => t.score.p),
      tested.length + untested,
    );
    const results = mergeSlices(tested, q, features, target, merge);
    return { fraction: 1, results, tried: tested.length + untested };
  };
  const F = features.length;

  const level1: Cell[][] = [];
  for (let f = 0; f < F; f++) {
    const acc = countFeature(features[f]!, target);
    const cells = features[f]!.bins.map((_, j) => cellAt(acc, j, target));
    level1.push(cells);
    cells.forEach((c, j) => c.n >= minSize && test([f, j], c));
    yield { fraction: (SHARE.one * (f + 1)) / F, tried: tested.length };
  }
  yield { ...ranked(), fraction: SHARE.one };

  const level2: number[] = [];
  const sized = new Set<number>();
  const sizedList: number[][] = [];
  if (maxConditions >= 2) {
    const promising = level1.map((cells) =>
      cells.map((c) => refinementBound(target.kind, c, all, minSize) >= Z_PRUNE),
    );
    const pairs: [number, number][] = [];
    for (let f = 0; f < F; f++) {
      for (let g = f + 1; g < F; g++) {
        if (promising[f]!.some(Boolean) && promising[g]!.some(Boolean)) pairs.push([f, g]);
      }
    }
    let foldedFor = -1;
    let folded: Uint16Array = new Uint16Array(0);
    for (let p = 0; p < pairs.length; p++) {
      const [f, g] = pairs[p]!;
      let acc: Float64Array;
      if (target.x === null) {
        if (foldedFor !== f) [foldedFor, folded] = [f, foldedCodes(features[f]!, target)];
        acc = countPairFolded(folded, features[f]!.bins.length, features[g]!);
      } else acc = countPair(features[f]!, features[g]!, target);
      const kg = features[g]!.bins.length;
      for (let a = 0; a < features[f]!.bins.length; a++) {
        for (let b = 0; b < kg; b++) {
          const cell = cellAt(acc, a * kg + b, target);
          if (cell.n < minSize) continue;
          sized.add(pairKey(f, a, g, b));
          sizedList.push([f, a, g, b]);
          if (!promising[f]![a] || !promising[g]![b]) {
            pruned++;
            untested++;
          } else level2.push(test([f, a, g, b], cell));
        }
      }
      yield { fraction: SHARE.one + (SHARE.two * (p + 1)) / pairs.length, tried: tested.length };
    }
    yield { ...ranked(), fraction: SHARE.one + SHARE.two };
  }

  if (maxConditions >= 3) {
    // SliceLine's top-K pruning: a refinement must be able to beat the K-th best so far.
    const zs = tested.map((t) => t.score.z).sort((x, y) => y - x);
    const bar = Math.max(Z_PRUNE, zs[maxResults - 1] ?? -Infinity);
    const extend = level2.filter(
      (i) => refinementBound(target.kind, tested[i]!.cell, all, minSize) >= bar,
    );
    pruned += level2.length - extend.length;
    extend.sort((x, y) => tested[y]!.score.z - tested[x]!.score.z);
    const chosen = extend.slice(0, opts.maxExtend ?? 48);
    const seen = new Set<string>();
    const lattice = latticeLevel3(sized, sizedList, features);
    const before = tested.length;
    for (let s = 0; s < chosen.length; s++) {
      const parent = tested[chosen[s]!]!.conds;
      const pairs = [0, 2].map((j) => [features[parent[j]!]!, parent[j + 1]!] as const);
      const rows = rowsOf(
        pairs.map(([f, b]) => [f, b]),
        target,
      );
      for (let h = 0; h < F; h++) {
        if (h === parent[0] || h === parent[2]) continue;
        const acc = countOver(rows, features[h]!, target);
        for (let j = 0; j < features[h]!.bins.length; j++) {
          const cell = cellAt(acc, j, target);
          if (cell.n < minSize) continue;
          const conds = insertCondition(parent, h, j);
          const key = keyOf(conds);
          if (seen.has(key)) continue;
          seen.add(key);
          test(conds, cell);
        }
      }
      yield {
        fraction: SHARE.one + SHARE.two + (0.3 * (s + 1)) / chosen.length,
        tried: tested.length,
      };
    }
    untested += Math.max(0, lattice - (tested.length - before));
  }

  const final = ranked();
  return {
    results: final.results ?? [],
    tried: tested.length + untested,
    tested: tested.length,
    pruned,
    // Paired: the net change (negative minus positive flips) over every row in scope.
    overall: (target.kind === 'paired' ? all.a - all.b : all.a) / all.n,
    n: all.n,
  };
}

/** Conditions stay in feature order so one slice has one key. */
export function insertCondition(conds: number[], f: number, bin: number): number[] {
  const out: number[] = [];
  let placed = false;
  for (let j = 0; j < conds.length; j += 2) {
    if (!placed && f < conds[j]!) {
      out.push(f, bin);
      placed = true;
    }
    out.push(conds[j]!, conds[j + 1]!);
  }
  if (!placed) out.push(f, bin);
  return out;
}
