// Exact nearest neighbours of one row in server mode (worker/services/embeddings/neighbours.ts):
// a distance scan in SQL, ORDER BY distance, row LIMIT k. The picked row's vector is read first
// and sent back as literals; each row's distance is the expression engine/neighbors/kernels.ts
// evaluates (its 4 accumulators, its order of adds, in double), so distances are bit-equal to the
// tab's and ties fall the same way (lower row first). Rows with a null or NaN component are no
// candidates (the tab's NaN norm). No extension (vss) and nothing DuckDB-only in the scan.
import { labelAgreement, sharedNeighbours } from '../../engine/neighbors';
import {
  type NeighbourRow,
  type NeighboursRequest,
  type NeighboursResult,
  noNeighbours,
} from '../../protocol';
import { ROW } from '../served';
import { findColumn, nanToNull } from '../sql/columns';
import { ident, int, num } from '../sql/quote';
import { labelCode, predCode } from '../sql/roles';
import type { SqlQuery, SqlSource } from '../sql/types';
import type { SqlRows } from './rows';

const EMPTY_ROWS = new Int32Array(0);

/** a0..a3 of kernels.ts over terms t(j): 8 at a time, (t_j + t_{j+4}) into a_{j mod 4}, rest into a0. */
function accumulate(dim: number, t: (j: number) => string): string {
  const acc: (string | null)[] = [null, null, null, null];
  const add = (a: number, x: string) => (acc[a] = acc[a] === null ? x : `(${acc[a]} + ${x})`);
  let j = 0;
  for (; j + 8 <= dim; j += 8)
    for (let a = 0; a < 4; a++) add(a, `(${t(j + a)} + ${t(j + a + 4)})`);
  for (; j < dim; j++) add(0, t(j));
  const z = (x: string | null | undefined) => x ?? 'CAST(0 AS DOUBLE)';
  return `(((${z(acc[0])} + ${z(acc[1])}) + ${z(acc[2])}) + ${z(acc[3])})`;
}

/** Σ x_j² in row order (rowNorms: one running sum). */
function sumSquares(dim: number): string {
  return Array.from({ length: dim }, (_, j) => `x${j} * x${j}`).join(' + ');
}

/**
 * Rows of an embedding with a usable vector where a cohort holds, per database: the served files
 * never change, so the count is taken once, and the distance scan below needs no window over
 * every candidate (which kept all of them in memory before its ORDER BY … LIMIT).
 */
const usable = new WeakMap<SqlQuery, Map<string, Promise<number>>>();

function usableRows(db: SqlQuery, src: SqlSource, valid: string, from: string): Promise<number> {
  let memo = usable.get(db);
  if (!memo) usable.set(db, (memo = new Map()));
  const key = `${from} WHERE ${valid}`;
  let hit = memo.get(key);
  if (!hit) {
    hit = db.rows(`SELECT count(*) AS n FROM ${key}`).then((r) => Number(r[0]!.n));
    // A cancelled or failed count is asked again next time, not kept.
    hit.catch(() => memo.delete(key));
    memo.set(key, hit);
  }
  return hit;
}

interface Scan {
  rows: Int32Array;
  distances: Float64Array;
  candidates: number;
}

/** The k nearest rows to row i in one embedding, or null when row i has no vector there. */
async function scan(
  db: SqlQuery,
  src: SqlSource,
  embedding: string,
  i: number,
  req: NeighboursRequest,
  where: string,
): Promise<Scan | null> {
  const c = findColumn(src, embedding)!;
  // The picked row's vector (its length is the dimension); a null or NaN component: no vector.
  const [picked] = await db.rows(
    `SELECT ${c.sql} AS v, (${where}) AS m FROM ${src.from} WHERE ${ident(ROW)} = ${int(i)}`,
  );
  const raw = picked?.v;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const qv = raw.map((x) => (x === null ? NaN : Number(x)));
  if (qv.some((x) => Number.isNaN(x))) return null;
  const dim = qv.length;
  const xs = Array.from({ length: dim }, (_, j) => `CAST(${c.sql}[${j + 1}] AS DOUBLE) AS x${j}`);
  const valid = `${nanToNull(sumSquares(dim))} IS NOT NULL`;
  const base = (w: string) =>
    `(SELECT ${ident(ROW)} AS r, ${xs.join(', ')} FROM ${src.from} WHERE ${w}) v`;
  const euclid = req.metric === 'euclidean';
  let qn = 0;
  for (const x of qv) qn += x * x;
  qn = Math.sqrt(qn);
  const lit = qv.map((x) => num(x));
  const d = euclid
    ? accumulate(dim, (j) => `(x${j} - ${lit[j]}) * (x${j} - ${lit[j]})`)
    : qn === 0
      ? 'CAST(1 AS DOUBLE)'
      : `(CASE WHEN sqrt(${sumSquares(dim)}) = 0 THEN CAST(1 AS DOUBLE) ELSE 1 - ${accumulate(dim, (j) => `x${j} * ${lit[j]}`)} / (${num(qn)} * sqrt(${sumSquares(dim)})) END)`;
  const from = base(`(${where}) AND ${ident(ROW)} <> ${int(i)}`);
  const k = Math.max(0, Math.floor(req.k));
  // Candidates: the cohort's usable rows but the picked one (usable: its vector has no null or
  // NaN, checked above), counted once per cohort and embedding.
  const count = usableRows(db, src, valid, base(where));
  const hits =
    k > 0
      ? await db.rows(
          `SELECT r, ${d} AS d FROM ${from} WHERE ${valid} ORDER BY d, r LIMIT ${int(k)}`,
        )
      : [];
  const candidates = (await count) - (picked!.m === true ? 1 : 0);
  const dist = hits.map((h) => Number(h.d));
  return {
    rows: Int32Array.from(hits, (h) => Number(h.r)),
    distances: Float64Array.from(dist, (x) => (euclid ? Math.sqrt(x) : x)),
    candidates,
  };
}

/** The row a request names (its index, its id, or '#<index>'), or null. */
async function resolve(db: SqlQuery, src: SqlSource, rows: SqlRows, row: number | string) {
  if (typeof row === 'number') return row >= 0 && row < src.rowCount ? row : null;
  const match = rows.idEquals(row);
  if (match) {
    const [hit] = await db.rows(
      `SELECT ${ident(ROW)} AS r FROM ${src.from} WHERE ${match} ORDER BY r LIMIT 1`,
    );
    if (hit) return Number(hit.r);
  }
  const m = /^#(\d+)$/.exec(row);
  return m && Number(m[1]) < src.rowCount ? Number(m[1]) : null;
}

/** What the neighbour table shows of each row (rowsOf's neighbourRow), in one query. */
export async function describeRows(
  db: SqlQuery,
  src: SqlSource,
  rows: SqlRows,
  picked: number[],
): Promise<Map<number, { row: Omit<NeighbourRow, 'rank' | 'distance'>; label: number }>> {
  const names = src.roles.versions.map((v) => v.name);
  const label = src.roles.task === 'regression' ? null : labelCode(src);
  const preds = names.map((v) => (src.roles.task === 'regression' ? null : predCode(src, v)));
  const cols = [
    `${ident(ROW)} AS r`,
    `${rows.idSql() ?? 'NULL'} AS id`,
    `${label ?? 'NULL'} AS l`,
    ...preds.map((p, j) => `${p ?? 'NULL'} AS p${j}`),
  ];
  const got = picked.length
    ? await db.rows(
        `SELECT ${cols.join(', ')} FROM ${src.from} WHERE ${ident(ROW)} IN (${picked.map(int).join(', ')})`,
      )
    : [];
  const cls = (c: unknown) =>
    c === null || c === undefined ? null : (src.classes[Number(c)] ?? null);
  return new Map(
    got.map((g) => {
      const r = Number(g.r);
      const row = {
        index: r,
        id: g.id === null || g.id === undefined ? `#${r}` : String(g.id),
        label: cls(g.l),
        predictions: preds.map((_, j) => cls(g[`p${j}`])),
      };
      return [r, { row, label: g.l === null || g.l === undefined ? -1 : Number(g.l) }];
    }),
  );
}

export async function neighboursSql(
  db: SqlQuery,
  src: SqlSource,
  rows: SqlRows,
  req: NeighboursRequest,
  cohortWhere: string,
): Promise<NeighboursResult> {
  const versions = src.roles.versions.map((v) => v.name);
  const empty = (error: string) => noNeighbours(versions, error);
  const i = await resolve(db, src, rows, req.row);
  if (i === null) return empty(`There is no row "${req.row}".`);
  if (findColumn(src, req.embedding)?.kind !== 'vector')
    return empty(`"${req.embedding}" is not an embedding column.`);
  const res = await scan(db, src, req.embedding, i, req, cohortWhere);
  const found = res ?? { rows: EMPTY_ROWS, distances: new Float64Array(0), candidates: 0 };
  const info = await describeRows(db, src, rows, [i, ...found.rows]);
  const q = info.get(i)!;
  const query: NeighbourRow = { ...q.row, rank: 0, distance: 0 };
  if (!res) return { ...empty('This row has no embedding.'), query };
  const out = Array.from(res.rows, (r, j) => ({
    ...info.get(r)!.row,
    rank: j + 1,
    distance: res.distances[j]!,
  }));
  // labelAgreement reads labels by row: here the neighbours are renumbered 0..k−1.
  const hasLabel = src.roles.task !== 'regression' && labelCode(src) !== null;
  const local = Int32Array.from(res.rows, (_, j) => j);
  const labels = Int32Array.from(res.rows, (r) => info.get(r)!.label);
  const a = hasLabel ? labelAgreement(local, labels, q.label, src.classes.length) : null;
  const overlap: NeighboursResult['overlap'] = [];
  for (const embedding of src.roles.embeddings) {
    if (embedding === req.embedding || findColumn(src, embedding)?.kind !== 'vector') continue;
    const there = await scan(db, src, embedding, i, req, cohortWhere);
    if (there)
      overlap.push({
        embedding,
        shared: sharedNeighbours(res.rows, there.rows),
        k: res.rows.length,
      });
  }
  return {
    query,
    rows: out,
    versions,
    candidates: res.candidates,
    agreement: a
      ? {
          labelled: a.labelled,
          different: a.different,
          majority: a.majority < 0 ? null : (src.classes[a.majority] ?? null),
        }
      : null,
    overlap,
    error: null,
  };
}
