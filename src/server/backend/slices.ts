// The slice finder in server mode: engine/slices/search.ts's lattice search with every counting
// pass a GROUP BY over the binned features (sql/sliceBins.ts) and the outcome (sliceTarget.ts),
// and the engine's own arithmetic on the counts (scoreCell: error rate's exact binomial, the
// paired modes' net change with McNemar inside, Welch's t; refinementBound, bhQ, the lattice
// size). Each level is one scan: GROUP BY GROUPING SETS over the features (level 1), the pairs
// worth testing (level 2), the triples that refine the chosen pairs (level 3); only counts leave
// DuckDB. The tab streams partial results; this answers once.
import type { BinnedFeature, Cell, Tested } from '../../engine/slices';
import { bhQ, latticeLevel3, pairKey } from '../../engine/slices/fdr';
import { refinementBound } from '../../engine/slices/score';
import { scoreCell } from '../../engine/slices/scoreCell';
import { insertCondition } from '../../engine/slices/search';
import type { SlicesRequest, SlicesResult } from '../../protocol';
import type { Predicate } from '../../shared/predicate';
import { sliceFeatures, type SqlFeature } from '../sql/sliceBins';
import type { SqlQuery, SqlSource } from '../sql/types';
import { describeSql, mergeSql } from './sliceMerge';
import { sliceTarget, type SqlTarget } from './sliceTarget';

const Z_PRUNE = 1;
const MAX_RESULTS = 30;
const MAX_EXTEND = 48;
const JACCARD = 0.8;

/** The four counts of a cell (search.ts's Cell) from one GROUP BY's row. */
const AGG =
  'sum(CASE WHEN code = 0 THEN 1 ELSE 0 END) AS c0, sum(CASE WHEN code = 1 THEN 1 ELSE 0 END) AS c1, ' +
  'sum(CASE WHEN code = 2 THEN 1 ELSE 0 END) AS c2, sum(CASE WHEN code = 3 THEN 1 ELSE 0 END) AS c3, ' +
  'sum(CASE WHEN code = 0 THEN x END) AS sx, sum(CASE WHEN code = 0 THEN x * x END) AS sxx';

function cellOf(r: Record<string, unknown> | undefined, t: SqlTarget): Cell {
  const v = (k: string) => Number(r?.[k] ?? 0);
  if (t.kind === 'rate' || t.kind === 'paired')
    return { n: v('c0') + v('c1') + v('c2'), a: v('c1'), b: v('c2'), none: v('c3') };
  return { n: v('c0'), a: v('sx'), b: v('sxx'), none: v('c3') };
}

/**
 * Cells of every grouping set in one scan (GROUPING SETS, standard SQL), keyed "3:1|5:0"; with
 * `total`, also the grand total (the empty set, told apart by GROUPING: a skipped bin is NULL
 * too) as `total`, its row count as `rows`, so the first level needs no scan of its own.
 */
async function grouped(
  db: SqlQuery,
  t: SqlTarget,
  F: number,
  sets: number[][],
  total = false,
): Promise<Map<string, Cell> & { total?: Record<string, unknown> }> {
  const out: Map<string, Cell> & { total?: Record<string, unknown> } = new Map();
  if (sets.length === 0) return out;
  const used = new Set(sets.flat());
  const cols = [...used].sort((x, y) => x - y).map((j) => `f${j}`);
  const gs = [
    ...sets.map((s) => `(${s.map((j) => `f${j}`).join(', ')})`),
    ...(total ? ['()'] : []),
  ];
  const extra = total ? `GROUPING(${cols.join(', ')}) AS __g, count(*) AS rows, ` : '';
  const sql = `SELECT ${cols.join(', ')}, ${extra}${AGG} FROM ${t.from} t GROUP BY GROUPING SETS (${gs.join(', ')})`;
  const all = 2 ** cols.length - 1;
  for (const r of await db.rows(sql)) {
    if (total && Number(r.__g) === all) {
      out.total = r;
      continue;
    }
    // A column not in the row's set is NULL; a bin code of −1 is a row in no candidate bin.
    const parts: string[] = [];
    let skip = false;
    for (let j = 0; j < F; j++) {
      const v = r[`f${j}`];
      if (v === null || v === undefined) continue;
      if (Number(v) < 0) skip = true;
      parts.push(`${j}:${Number(v)}`);
    }
    if (!skip) out.set(parts.join('|'), cellOf(r, t));
  }
  return out;
}

const EMPTY = new Uint8Array(0);

/**
 * Binned features per source, bin count and roles (which columns are features): the served
 * files are read-only, so the bins of one search serve the next, as the tab keeps its binning.
 */
const binned = new WeakMap<SqlSource, Map<string, Promise<SqlFeature[]>>>();

function featuresOf(db: SqlQuery, src: SqlSource, bins: number): Promise<SqlFeature[]> {
  let bySource = binned.get(src);
  if (!bySource) binned.set(src, (bySource = new Map()));
  const key = `${bins}|${JSON.stringify(src.roles)}`;
  let hit = bySource.get(key);
  if (!hit) {
    hit = sliceFeatures(db, src, bins);
    bySource.set(key, hit);
    hit.catch(() => bySource.delete(key));
  }
  return hit;
}

/** grouped()'s key of conditions in feature order: "f:a|g:b|h:c". */
function keyOfConds(conds: number[]): string {
  const parts: string[] = [];
  for (let j = 0; j < conds.length; j += 2) parts.push(`${conds[j]}:${conds[j + 1]}`);
  return parts.join('|');
}

export async function slicesSql(
  db: SqlQuery,
  src: SqlSource,
  req: SlicesRequest,
  cohortWhere: (p: Predicate | null) => string,
): Promise<SlicesResult> {
  const t0 = Date.now();
  if (src.roles.versions.length === 0)
    throw new Error('Assign column roles (label and predictions) first.');
  const where = cohortWhere(req.cohort);
  const sqlFeatures = await featuresOf(db, src, req.bins);
  if (sqlFeatures.length === 0) throw new Error('No feature columns to slice by.');
  const t = sliceTarget(src, req, sqlFeatures, where);
  // The engine's helpers read bins only (codes live in DuckDB).
  const features: BinnedFeature[] = sqlFeatures.map((f: SqlFeature) => ({
    name: f.name,
    codes: EMPTY,
    bins: f.bins,
    skippedCategories: f.skippedCategories,
  }));
  const F = features.length;
  // The totals and the first level from one scan.
  const ones = await grouped(
    db,
    t,
    F,
    features.map((_, f) => [f]),
    true,
  );
  const total = ones.total;
  const all = cellOf(total, t);
  const inScope = Number(total?.rows ?? 0);
  const minSize = Math.max(1, Math.round(req.minSize ?? Math.max(30, inScope / 100)));
  const tested: Tested[] = [];
  let pruned = 0;
  let untested = 0;
  const test = (conds: number[], cell: Cell) =>
    tested.push({ conds, cell, score: scoreCell(t.kind, cell, all) }) - 1;
  const zero: Cell = { n: 0, a: 0, b: 0, none: 0 };

  const level1: Cell[][] = [];
  for (let f = 0; f < F; f++) {
    const row = features[f]!.bins.map((_, j) => ones.get(`${f}:${j}`) ?? zero);
    level1.push(row);
    row.forEach((c, j) => c.n >= minSize && test([f, j], c));
  }

  const level2: number[] = [];
  const sized = new Set<number>();
  const sizedList: number[][] = [];
  if (req.maxConditions >= 2) {
    const promising = level1.map((cells) =>
      cells.map((c) => refinementBound(t.kind, c, all, minSize) >= Z_PRUNE),
    );
    const pairs: number[][] = [];
    for (let f = 0; f < F; f++) {
      for (let g = f + 1; g < F; g++) {
        if (promising[f]!.some(Boolean) && promising[g]!.some(Boolean)) pairs.push([f, g]);
      }
    }
    const cells = await grouped(db, t, F, pairs);
    for (const [f, g] of pairs as [number, number][]) {
      for (let a = 0; a < features[f]!.bins.length; a++) {
        for (let b = 0; b < features[g]!.bins.length; b++) {
          const cell = cells.get(`${f}:${a}|${g}:${b}`) ?? zero;
          if (cell.n < minSize) continue;
          sized.add(pairKey(f, a, g, b));
          sizedList.push([f, a, g, b]);
          if (!promising[f]![a] || !promising[g]![b]) {
            pruned++;
            untested++;
          } else level2.push(test([f, a, g, b], cell));
        }
      }
    }
  }

  if (req.maxConditions >= 3) {
    const zs = tested.map((x) => x.score.z).sort((x, y) => y - x);
    const bar = Math.max(Z_PRUNE, zs[MAX_RESULTS - 1] ?? -Infinity);
    const extend = level2.filter(
      (i) => refinementBound(t.kind, tested[i]!.cell, all, minSize) >= bar,
    );
    pruned += level2.length - extend.length;
    extend.sort((x, y) => tested[y]!.score.z - tested[x]!.score.z);
    const chosen = extend.slice(0, MAX_EXTEND);
    const seen = new Set<string>();
    const lattice = latticeLevel3(sized, sizedList, features);
    const before = tested.length;
    const othersOf = (parent: number[]) =>
      features.map((_, h) => h).filter((h) => h !== parent[0] && h !== parent[2]);
    // A refinement of (f = a, g = b) by h is a cell of the three-feature grouping (f, g, h): one
    // scan groups every triple the extended slices need (GROUPING SETS), none filtered by WHERE.
    const triples = new Map<string, number[]>();
    for (const i of chosen) {
      const parent = tested[i]!.conds;
      for (const h of othersOf(parent)) {
        const set = [parent[0]!, parent[2]!, h].sort((x, y) => x - y);
        triples.set(set.join(','), set);
      }
    }
    const cells3 = await grouped(db, t, F, [...triples.values()]);
    for (const i of chosen) {
      const parent = tested[i]!.conds;
      for (const h of othersOf(parent)) {
        for (let j = 0; j < features[h]!.bins.length; j++) {
          const conds = insertCondition(parent, h, j);
          const key = conds.join(',');
          const cell = cells3.get(keyOfConds(conds)) ?? zero;
          if (cell.n < minSize) continue;
          if (seen.has(key)) continue;
          seen.add(key);
          test(conds, cell);
        }
      }
    }
    untested += Math.max(0, lattice - (tested.length - before));
  }

  const q = bhQ(
    tested.map((x) => x.score.p),
    tested.length + untested,
  );
  const results = await mergeSql(db, t, tested, q, features, {
    maxResults: MAX_RESULTS,
    jaccard: JACCARD,
  });
  const improvement = req.mode === 'improvement';
  return {
    mode: req.mode,
    version: req.version,
    baseline: t.paired ? req.baseline : null,
    done: true,
    cancelled: false,
    results: await describeSql(db, t, results, req.cohort, improvement),
    tried: tested.length + untested,
    tested: tested.length,
    pruned,
    features: F,
    skipped: features
      .filter((f) => f.skippedCategories > 0)
      .map((f) => ({ column: f.name, categories: f.skippedCategories })),
    measure: t.measure,
    overall: (improvement ? -1 : 1) * ((t.kind === 'paired' ? all.a - all.b : all.a) / all.n),
    n: all.n,
    minSize,
    elapsedMs: Date.now() - t0,
  };
}
