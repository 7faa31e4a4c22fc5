// The slice list as the tab builds it (engine/slices/merge.ts's mergeSlices, the worker's
// describeResults): best-first without near-duplicates, a slice joining a better one as a variant
// when one's conditions contain the other's or their row sets overlap with Jaccard above the
// bar. The tab intersects bitsets; here the overlap is one count over both slices' conditions.
// Paired modes then get each version's error rate (Wilson) or MAE (normal interval) on the slice.
import {
  addVariant,
  slicePredicate,
  toResult,
  unflip,
  type BinnedFeature,
  type SliceResult,
  type Tested,
  type VersionsOnSlice,
} from '../../engine/slices';
import { meanVar } from '../../engine/slices/score';
import { wilson } from '../../engine/stats';
import type { SliceRow } from '../../protocol';
import type { Predicate } from '../../shared/predicate';
import type { SqlQuery } from '../sql/types';
import { condsSql, type SqlTarget } from './sliceTarget';

const CONSIDERED = 200;
const Z95 = 1.959963984540054;

function within(inner: Set<string>, outer: Set<string>): boolean {
  for (const k of inner) if (!outer.has(k)) return false;
  return true;
}

/** The conditions of both slices, or null when they ask one feature for two bins (no row). */
function union(a: number[], b: number[]): number[] | null {
  const bin = new Map<number, number>();
  for (const c of [a, b]) {
    for (let j = 0; j < c.length; j += 2) {
      const was = bin.get(c[j]!);
      if (was !== undefined && was !== c[j + 1]) return null;
      bin.set(c[j]!, c[j + 1]!);
    }
  }
  return [...bin].flat();
}

/** Rows in scope that the candidate and each listed kept slice both select: one scan. */
async function overlaps(
  db: SqlQuery,
  t: SqlTarget,
  cand: number[],
  kept: number[][],
): Promise<number[]> {
  const unions = kept.map((k) => union(k, cand));
  if (unions.every((u) => u === null)) return kept.map(() => 0);
  const cols = unions.map((u, i) =>
    u ? `sum(CASE WHEN ${condsSql(u)} THEN 1 ELSE 0 END) AS o${i}` : `0 AS o${i}`,
  );
  const [r] = await db.rows(`SELECT ${cols.join(', ')} FROM ${t.from} t WHERE ${condsSql(cand)}`);
  return kept.map((_, i) => Number(r?.[`o${i}`] ?? 0));
}

export async function mergeSql(
  db: SqlQuery,
  t: SqlTarget,
  tested: Tested[],
  q: Float64Array,
  features: BinnedFeature[],
  opts: { maxResults: number; jaccard: number },
): Promise<{ result: SliceResult; conds: number[] }[]> {
  const order = tested
    .map((_, i) => i)
    .filter((i) => tested[i]!.score.z > 0)
    .sort(
      (x, y) => tested[y]!.score.z - tested[x]!.score.z || tested[x]!.score.p - tested[y]!.score.p,
    )
    .slice(0, CONSIDERED);
  const kept: { result: SliceResult; conds: number[]; set: Set<string> }[] = [];
  for (const i of order) {
    const cand = tested[i]!;
    const result = toResult(cand, q[i]!, features);
    const set = new Set(result.key.split('|'));
    // The tab's find() in order: containment first, then Jaccard where sizes allow it; the
    // overlaps it may need are counted together, in one scan of the candidate's rows.
    const comparable = (k: (typeof kept)[number]) =>
      Math.min(k.result.rows, result.rows) >= opts.jaccard * Math.max(k.result.rows, result.rows);
    const contains = (k: (typeof kept)[number]) => within(k.set, set) || within(set, k.set);
    const first = kept.findIndex(contains);
    const ask = kept.filter((k, j) => (first < 0 || j < first) && comparable(k));
    const counts = await overlaps(
      db,
      t,
      cand.conds,
      ask.map((k) => k.conds),
    );
    const inter = new Map(ask.map((k, j) => [k, counts[j]!]));
    const home = kept.find((k) => {
      if (contains(k)) return true;
      const o = inter.get(k);
      return o !== undefined && o / (k.result.rows + result.rows - o) > opts.jaccard;
    });
    if (home) {
      addVariant(home.result, result);
      continue;
    }
    if (kept.length >= opts.maxResults) break;
    kept.push({ result, conds: cand.conds, set });
  }
  return kept.map(({ result, conds }) => ({ result, conds }));
}

/** Each version's metric on each slice over rows where both have an outcome (versions.ts). */
async function versionsOn(
  db: SqlQuery,
  t: SqlTarget,
  conds: number[][],
): Promise<(VersionsOnSlice | null)[]> {
  if (!t.paired || conds.length === 0) return conds.map(() => null);
  const rate = t.kind === 'paired';
  const both = rate ? 'cv <> 2 AND cb <> 2' : 'cv IS NOT NULL AND cb IS NOT NULL';
  const cols = conds.flatMap((c, i) => {
    const w = `${condsSql(c)} AND ${both}`;
    const s = (x: string, name: string) =>
      `sum(CASE WHEN ${w} THEN ${x} ELSE 0 END) AS ${name}${i}`;
    return rate
      ? [
          s('1', 'n'),
          s('CASE WHEN cv = 0 THEN 1 ELSE 0 END', 'ev'),
          s('CASE WHEN cb = 0 THEN 1 ELSE 0 END', 'eb'),
        ]
      : [s('1', 'n'), s('cv', 'sv'), s('cv * cv', 'qv'), s('cb', 'sb'), s('cb * cb', 'qb')];
  });
  const [r] = await db.rows(`SELECT ${cols.join(', ')} FROM ${t.from} t`);
  const v = (name: string, i: number) => Number(r?.[`${name}${i}`] ?? 0);
  return conds.map((_, i) => {
    const n = v('n', i);
    if (rate) {
      const est = (k: number) => ({ value: n > 0 ? k / n : NaN, ...wilson(k, n) });
      return { baseline: est(v('eb', i)), version: est(v('ev', i)) };
    }
    const est = (sum: number, sq: number) => {
      const [m, variance] = meanVar(n, sum, sq);
      const half = Z95 * Math.sqrt(variance / n);
      return { value: m, lo: m - half, hi: m + half };
    };
    return { baseline: est(v('sb', i), v('qb', i)), version: est(v('sv', i), v('qv', i)) };
  });
}

/** Results as the table shows them: predicate, each version's metric, the change's real sign. */
export async function describeSql(
  db: SqlQuery,
  t: SqlTarget,
  results: { result: SliceResult; conds: number[] }[],
  cohort: Predicate | null,
  improvement: boolean,
): Promise<SliceRow[]> {
  const versions = await versionsOn(
    db,
    t,
    results.map((r) => r.conds),
  );
  return results.map(({ result: r }, i) => ({
    ...(improvement ? unflip(r) : r),
    predicate: slicePredicate(r, cohort),
    versions: versions[i]!,
  }));
}
