// One scan for a cohort's headline numbers: its size, every version's confusion cells (with the
// baseline's prediction beside each, for McNemar's joint outcomes and flips) and each scored
// version's rank sums (Mann–Whitney AUC, average precision), by GROUPING SETS over the rows of
// the cohort. Each grouping set is its own hash table fed by the same scan, so the file is read
// once instead of once per question (size, matrix, AUC per version: 5–10 scans before).
import { positiveIndex } from '../../data/classes';
import { labelCode, predCode, scoreOf, scoreThreshold, thresholdedCode } from '../sql/roles';
import { int } from '../sql/quote';
import { binaryLossSql } from '../sql/losses';
import type { SqlQuery, SqlSource } from '../sql/types';

/** A version's numbers from the pass; cells index l * (k+1)… with k standing for NULL. */
export interface PassVersion {
  name: string;
  /** k×k confusion matrix (row = true class) over rows with a label and a prediction. */
  matrix: Float64Array | null;
  /** With the baseline's prediction: rows where label, baseline and this version all exist. */
  joint: { bothRight: number; baseOnly: number; mineOnly: number; bothWrong: number } | null;
  flips: { n: number; correctToWrong: number; wrongToCorrect: number; changed: number } | null;
  /** Twice the Mann–Whitney U, positives and negatives among scored, labelled rows. */
  rank: { twiceU: number; np: number; nq: number; ap: number } | null;
  /** Mean log loss and Brier over scored, labelled rows (binary, with `ranks`), NaN for none. */
  loss: { logLoss: number; brier: number } | null;
}

export interface PassResult {
  size: number;
  versions: PassVersion[];
}

export interface PassOptions {
  /** Baseline version for joint outcomes and flips; null for none (cohort list, overview). */
  base: string | null;
  /** Whether to compute the rank sums (AUC, AP) of scored versions (binary task only). */
  ranks: boolean;
}

/**
 * Each score's sorted distinct values over all rows with their counts, kept from a pass over all
 * rows (the overview, Compare's "All rows") per database and score expression, when there are at
 * most MAX_DISTINCT: a found row's percentile among all rows is then a binary search here, not a
 * scan (rowDetail.ts). The served files never change, so neither do these.
 */
export interface ScoreCounts {
  values: Float64Array;
  /** Rows with a score below values[i] (cumulative), and the total in the last slot. */
  below: Float64Array;
}
const MAX_DISTINCT = 100_000;
const scoreCounts = new WeakMap<SqlQuery, Map<string, ScoreCounts>>();

/** Rows with the score below `v`, equal to it, and with any score; null when not kept. */
export function keptRank(db: SqlQuery, score: string, v: number) {
  const c = scoreCounts.get(db)?.get(score);
  if (!c) return null;
  let lo = 0;
  let hi = c.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  const equal = c.values[lo] === v ? c.below[lo + 1]! - c.below[lo]! : 0;
  return { below: c.below[lo]!, equal, total: c.below[c.values.length]! };
}

const NUM = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));

/** The rows' size and each version's numbers over `where` (null = all rows), in one scan. */
export async function cohortPass(
  db: SqlQuery,
  src: SqlSource,
  where: string | null,
  opts: PassOptions,
): Promise<PassResult> {
  const names = src.roles.versions.map((v) => v.name);
  const label = src.roles.task === 'regression' ? null : labelCode(src);
  const k = src.classes.length;
  const preds = names.map((v) => (label ? predCode(src, v) : null));
  const scores = names.map((v) =>
    label && opts.ranks && src.roles.task === 'binary' ? scoreOf(src, v) : null,
  );
  const bi = opts.base === null ? -1 : names.indexOf(opts.base);
  // A prediction that is the score over a threshold follows from the grouped score: its set
  // groups by the score alone and the cells derive it (half the per-row work of the scan).
  const derived = names.map((v, j) => (preds[j] && scores[j] ? scoreThreshold(src, v) : null));
  const basePred = bi >= 0 ? preds[bi] : null;
  // Columns of the scan; GROUPING() over them names each set (bit 1 = not in the set).
  const cols = ['l', ...names.map((_, j) => `p${j}`), ...names.map((_, j) => `s${j}`)];
  const select = [
    `${label ?? 'CAST(NULL AS INTEGER)'} AS l`,
    ...preds.map((p, j) => `${p ?? 'CAST(NULL AS INTEGER)'} AS p${j}`),
    ...scores.map((s, j) => `${s ?? 'CAST(NULL AS DOUBLE)'} AS s${j}`),
  ];
  // One grouping set per version: its prediction and score beside the label (and the
  // baseline's prediction), so its matrix, rank sums, joint outcomes and flips are all sums over
  // one hash table; each set covers every row, so any one of them gives the size too.
  const sets: string[][] = [];
  const setOf: (string[] | null)[] = names.map((_, j) => {
    if (!label || (!preds[j] && !scores[j])) return null;
    const joint = basePred && preds[j] && j !== bi;
    const set = [
      'l',
      ...(joint ? [`p${bi}`] : []),
      ...(preds[j] && derived[j] === null ? [`p${j}`] : []),
      ...(scores[j] ? [`s${j}`] : []),
    ];
    sets.push(set);
    return set;
  });
  if (sets.length === 0) sets.push([]);
  const pos = positiveIndex(src.classes, src.roles.positiveClass);
  // GROUPING() takes only grouped columns; the others are constant NULLs in every set.
  const used = cols.filter((c) => sets.some((s) => s.includes(c)));
  const gid = (set: string[]) => used.reduce((acc, c) => acc * 2 + (set.includes(c) ? 0 : 1), 0);
  const grouping = used.length ? `GROUPING(${used.join(', ')})` : '0';
  const g =
    `g AS MATERIALIZED (SELECT ${grouping} AS gid, ${cols.map((c) => (used.includes(c) ? c : `NULL AS ${c}`)).join(', ')}, count(*) AS n ` +
    `FROM (SELECT ${select.join(', ')} FROM ${src.from} WHERE ${where ?? 'TRUE'}) ` +
    `GROUP BY GROUPING SETS (${sets.map((s) => `(${s.join(', ')})`).join(', ')}))`;
  const nulls = (n: number) => Array.from({ length: n }, () => 'CAST(NULL AS DOUBLE)');
  // Cells: each set's counts with the scores summed out (a few rows per version); a derived
  // prediction is its grouped score over the threshold where the set has the score.
  const cell = (c: string) => {
    const j = Number(c.slice(1));
    const t = c.startsWith('p') ? derived[j] : null;
    return t === null || t === undefined
      ? c
      : `coalesce(${c}, ${thresholdedCode(src, `s${j}`, t)})`;
  };
  const keys = cols.filter((c) => !c.startsWith('s')).map(cell);
  // Unnamed: an alias s0 would be in scope beside g's own s0 (t(...) below names them).
  const cells = cols.map((c) => (c.startsWith('s') ? 'NULL' : cell(c)));
  const parts = [
    `SELECT 'c' AS kind, gid, ${cells.join(', ')}, sum(n) AS n, ${nulls(4).join(', ')} FROM g ` +
      `GROUP BY gid, ${keys.join(', ')}`,
  ];
  const ctes = [g];
  const keep = where === null || where === 'TRUE';
  setOf.forEach((set, j) => {
    if (!set || !scores[j]) return;
    if (keep && !scoreCounts.get(db)?.has(scores[j]!)) {
      // All rows: the score's distinct values and counts (labelled or not), when few enough.
      ctes.push(
        `d${j} AS (SELECT s${j} AS s, sum(n) AS n FROM g WHERE gid = ${gid(set)} AND s${j} IS NOT NULL GROUP BY s${j})`,
      );
      const at = cols.map((c) => (c === `s${j}` ? 's' : 'NULL')).join(', ');
      parts.push(
        `SELECT 'e' AS kind, ${int(j)} AS gid, ${cols.map(() => 'NULL').join(', ')}, (SELECT count(*) FROM d${j}), ${nulls(4).join(', ')}`,
        `SELECT 'd' AS kind, ${int(j)} AS gid, ${at}, n, ${nulls(4).join(', ')} FROM d${j} ` +
          `WHERE (SELECT count(*) FROM d${j}) <= ${int(MAX_DISTINCT)}`,
      );
    }
    // rocAuc's rank sums over the distinct scores: positives win over the negatives strictly
    // below and tie with those at the same score; AP from the cumulative counts from the top.
    ctes.push(
      `r${j} AS (SELECT s${j} AS s, sum(CASE WHEN l = ${int(pos)} THEN n ELSE 0 END) AS p, ` +
        `sum(CASE WHEN l <> ${int(pos)} THEN n ELSE 0 END) AS q FROM g WHERE gid = ${gid(set)} ` +
        `AND s${j} IS NOT NULL AND l IS NOT NULL GROUP BY s${j})`,
      `w${j} AS (SELECT p, q, coalesce(sum(q) OVER (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below, ` +
        `sum(p + q) OVER (ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS top, ` +
        `sum(p) OVER (ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS pa FROM r${j})`,
    );
    parts.push(
      `SELECT 'r' AS kind, ${int(j)} AS gid, ${cols.map(() => 'NULL').join(', ')}, NULL AS n, ` +
        `CAST(sum(p * (2 * below + q)) AS DOUBLE), CAST(sum(p) AS DOUBLE), CAST(sum(q) AS DOUBLE), ` +
        `CASE WHEN sum(p) > 0 THEN sum(CASE WHEN p > 0 THEN p * pa / top ELSE 0 END) / sum(p) END FROM w${j}`,
    );
    // Log loss and Brier are functions of (label, score): their means are the groups' terms
    // weighted by their counts, so Compare needs no scan per version for them.
    const loss = binaryLossSql(src, names[j]!, 'l', `s${j}`);
    parts.push(
      `SELECT 'l' AS kind, ${int(j)} AS gid, ${cols.map(() => 'NULL').join(', ')}, NULL AS n, ` +
        `sum(n * ${loss.logLoss}) / sum(n), sum(n * ${loss.brier}) / sum(n), NULL, NULL ` +
        `FROM g WHERE gid = ${gid(set)} AND s${j} IS NOT NULL AND l IS NOT NULL`,
    );
  });
  const sql =
    `WITH ${ctes.join(', ')} SELECT * FROM (${parts.join(' UNION ALL ')}) ` +
    `AS t(kind, gid, ${cols.join(', ')}, n, twice_u, np, nq, ap)`;
  const rows = await db.rows(sql);

  let size = 0;
  const versions: PassVersion[] = names.map((name) => ({
    name,
    matrix: null,
    joint: null,
    flips: null,
    rank: null,
    loss: null,
  }));
  const byGid = new Map<number, number>();
  setOf.forEach((set, j) => {
    if (!set) return;
    byGid.set(gid(set), j);
    if (!preds[j]) return;
    versions[j]!.matrix = new Float64Array(k * k);
    if (set.includes(`p${bi}`) && j !== bi) {
      versions[j]!.joint = { bothRight: 0, baseOnly: 0, mineOnly: 0, bothWrong: 0 };
      versions[j]!.flips = { n: 0, correctToWrong: 0, wrongToCorrect: 0, changed: 0 };
    }
  });
  const sizeGid = gid(sets[0]!);
  const code = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const distinct = new Map<number, { s: number; n: number }[]>();
  for (const r of rows) {
    if (r.kind === 'e') {
      if (Number(r.n) <= MAX_DISTINCT) distinct.set(Number(r.gid), []);
      continue;
    }
    if (r.kind === 'd') {
      distinct.get(Number(r.gid))?.push({ s: Number(r[`s${Number(r.gid)}`]), n: Number(r.n) });
      continue;
    }
    if (r.kind === 'l') {
      versions[Number(r.gid)]!.loss = { logLoss: NUM(r.twice_u), brier: NUM(r.np) };
      continue;
    }
    if (r.kind === 'r') {
      const np = NUM(r.np);
      const nq = NUM(r.nq);
      versions[Number(r.gid)]!.rank = {
        twiceU: NUM(r.twice_u),
        np: Number.isNaN(np) ? 0 : np,
        nq: Number.isNaN(nq) ? 0 : nq,
        ap: NUM(r.ap),
      };
      continue;
    }
    const n = Number(r.n);
    const g = Number(r.gid);
    if (g === sizeGid) size += n;
    const j = byGid.get(g);
    if (j === undefined) continue;
    const v = versions[j]!;
    const l = code(r.l);
    const p = code(r[`p${j}`]);
    if (v.matrix && l !== null && p !== null) v.matrix[l * k + p]! += n;
    const b = bi >= 0 ? code(r[`p${bi}`]) : null;
    if (v.joint && v.flips && l !== null && p !== null && b !== null) {
      const a = b === l;
      const m = p === l;
      if (a && m) v.joint.bothRight += n;
      else if (a) v.joint.baseOnly += n;
      else if (m) v.joint.mineOnly += n;
      else v.joint.bothWrong += n;
      v.flips.n += n;
      if (a && !m) v.flips.correctToWrong += n;
      if (!a && m) v.flips.wrongToCorrect += n;
      if (b !== p) v.flips.changed += n;
    }
  }
  if (keep) {
    if (!scoreCounts.has(db)) scoreCounts.set(db, new Map());
    for (const [j, d] of distinct) {
      d.sort((a, b) => a.s - b.s);
      const below = new Float64Array(d.length + 1);
      d.forEach((x, i) => (below[i + 1] = below[i]! + x.n));
      const values = Float64Array.from(d, (x) => x.s);
      scoreCounts.get(db)!.set(scores[j]!, { values, below });
    }
  }
  return { size, versions };
}

/** AUC from the pass's rank sums, null where a class is missing (rocAuc's NaN). */
export function aucOf(v: PassVersion): number | null {
  const r = v.rank;
  return r && r.np > 0 && r.nq > 0 ? r.twiceU / (2 * r.np * r.nq) : null;
}
