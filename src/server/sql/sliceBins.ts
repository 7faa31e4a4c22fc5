// The slice finder's features binned in SQL exactly as engine/slices/bins.ts bins a column in the
// tab: numbers and timestamps by quantile edges from the same strided sample (every step-th row,
// step = ⌊n / 100,000⌋), each bin's predicate the inclusive range of the values in it, plus a null
// bin; strings by their 30 most frequent values (ties: first seen, as the tab's interned
// dictionary orders them), plus a null bin; booleans false / true / null. Each feature becomes a
// bin-code expression (NULL = not a candidate, the tab's SKIP) and the tab's BinDefs.
import { formatValue, MAX_CATEGORIES, type BinDef } from '../../engine/slices';
import { featureColumns } from '../../shared/roles';
import { ROW } from '../served';
import { findColumn, numberOf, type SqlColumn } from './columns';
import { ident, int, num, str } from './quote';
import type { SqlQuery, SqlSource } from './types';

const QUANTILE_SAMPLE = 100_000;

/** A feature as SQL: its bin code per row, and the conditions a slice can use. */
export interface SqlFeature {
  name: string;
  code: string;
  bins: BinDef[];
  skippedCategories: number;
}

const n0 = (x: unknown) => Number(x);

/** `CASE WHEN cond THEN code …` from pairs, NULL otherwise (SKIP). */
function cases(whens: [string, number][]): string {
  if (whens.length === 0) return 'CAST(NULL AS INTEGER)';
  return `(CASE ${whens.map(([w, j]) => `WHEN ${w} THEN ${int(j)}`).join(' ')} END)`;
}

async function numericFeature(
  db: SqlQuery,
  src: SqlSource,
  c: SqlColumn,
  bins: number,
): Promise<SqlFeature> {
  const v = numberOf(c);
  const step = Math.max(1, Math.floor(src.rowCount / QUANTILE_SAMPLE));
  const js = Array.from({ length: bins - 1 }, (_, j) => `(${int(j + 1)})`).join(', ');
  // The j-th edge is the sample's value at ⌊j·m / bins⌋ in sorted order (m non-null values).
  const rows = await db.rows(
    `WITH s AS (SELECT v FROM (SELECT ${ident(ROW)} AS r, ${v} AS v FROM ${src.from}) x ` +
      `WHERE r % ${int(step)} = 0 AND v IS NOT NULL), ` +
      `o AS (SELECT v, row_number() OVER (ORDER BY v) - 1 AS k, count(*) OVER () AS m FROM s) ` +
      `SELECT j, v FROM o JOIN (VALUES ${js}) t(j) ON o.k = CAST(floor(j * o.m / ${num(bins)}) AS BIGINT) ORDER BY j`,
  );
  const edges: number[] = [];
  for (const r of rows) {
    const e = Number(r.v);
    if (e !== edges[edges.length - 1]) edges.push(e);
  }
  // Raw bin a holds values in [edge[a-1], edge[a]); the null bin is edges.length + 1.
  const k = edges.length + 1;
  const raw = cases([
    [`${v} IS NULL`, k],
    ...edges.map((e, a): [string, number] => [`${v} < ${num(e)}`, a]),
    ['TRUE', edges.length],
  ]);
  const stats = await db.rows(
    `SELECT b, min(v) AS lo, max(v) AS hi FROM (SELECT ${raw} AS b, ${v} AS v FROM ${src.from}) x GROUP BY b ORDER BY b`,
  );
  const byRaw = new Map(stats.map((r) => [n0(r.b), r]));
  const col = { kind: c.kind, dateOnly: c.type === 'DATE' };
  const defs: BinDef[] = [];
  const remap: [string, number][] = [];
  for (let a = 0; a < k; a++) {
    const s = byRaw.get(a);
    if (!s) continue;
    const lo = Number(s.lo);
    const hi = Number(s.hi);
    const fmt = (x: number) => formatValue(x, col);
    remap.push([int(a), defs.length]);
    defs.push({
      text: lo === hi ? `${c.name} = ${fmt(lo)}` : `${c.name} in [${fmt(lo)}, ${fmt(hi)}]`,
      predicate: { op: 'range', column: c.name, min: lo, max: hi },
    });
  }
  if (byRaw.has(k)) {
    remap.push([int(k), defs.length]);
    defs.push({ text: `${c.name} is null`, predicate: { op: 'isNull', column: c.name } });
  }
  const code = remap.length
    ? `(CASE ${raw} ${remap.map(([a, j]) => `WHEN ${a} THEN ${int(j)}`).join(' ')} END)`
    : 'CAST(NULL AS INTEGER)';
  return { name: c.name, code, bins: defs, skippedCategories: 0 };
}

async function stringFeature(db: SqlQuery, src: SqlSource, c: SqlColumn): Promise<SqlFeature> {
  const rows = await db.rows(
    `SELECT v, count(*) AS n, min(${ident(ROW)}) AS first FROM (SELECT ${ident(ROW)}, CAST(${c.sql} AS VARCHAR) AS v FROM ${src.from}) x ` +
      `GROUP BY v ORDER BY n DESC, first`,
  );
  const values = rows.filter((r) => r.v !== null);
  const kept = values.slice(0, MAX_CATEGORIES).map((r) => String(r.v));
  const defs: BinDef[] = kept.map((value) => ({
    text: `${c.name} = ${value}`,
    predicate: { op: 'in', column: c.name, values: [value] },
  }));
  const whens: [string, number][] = kept.map((value, j) => [
    `CAST(${c.sql} AS VARCHAR) = ${str(value)}`,
    j,
  ]);
  if (rows.some((r) => r.v === null)) {
    whens.unshift([`${c.sql} IS NULL`, defs.length]);
    defs.push({ text: `${c.name} is null`, predicate: { op: 'isNull', column: c.name } });
  }
  return {
    name: c.name,
    code: cases(whens),
    bins: defs,
    skippedCategories: values.length - kept.length,
  };
}

function booleanFeature(c: SqlColumn): SqlFeature {
  const bins: BinDef[] = [
    { text: `${c.name} = false`, predicate: { op: 'in', column: c.name, values: ['false'] } },
    { text: `${c.name} = true`, predicate: { op: 'in', column: c.name, values: ['true'] } },
    { text: `${c.name} is null`, predicate: { op: 'isNull', column: c.name } },
  ];
  const code = `(CASE WHEN ${c.sql} IS NULL THEN 2 WHEN ${c.sql} THEN 1 ELSE 0 END)`;
  return { name: c.name, code, bins, skippedCategories: 0 };
}

/** Every feature column (not a role) binned, in column order, without ones with no bins. */
export async function sliceFeatures(
  db: SqlQuery,
  src: SqlSource,
  bins: number,
): Promise<SqlFeature[]> {
  const k = Math.max(2, Math.min(50, Math.round(bins)));
  const out: SqlFeature[] = [];
  const names = featureColumns(
    src.columns.map((c) => c.name),
    src.roles,
  );
  for (const name of names) {
    const c = findColumn(src, name);
    if (!c) continue;
    let f: SqlFeature | null = null;
    if (c.kind === 'numeric' || c.kind === 'timestamp') f = await numericFeature(db, src, c, k);
    else if (c.kind === 'string') f = await stringFeature(db, src, c);
    else if (c.kind === 'boolean') f = booleanFeature(c);
    if (f && f.bins.length > 0) out.push(f);
  }
  return out;
}
