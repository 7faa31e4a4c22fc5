// The filter builder's field profiles (worker/services/cohorts/profileField.ts) in SQL: a
// 40-bin histogram by the engine's bin formula, or category counts, top 200 by count.
import type { Field, FieldProfile } from '../../protocol';
import { findColumn, numberOf } from '../sql/columns';
import { labelCode, predCode, scoreOf } from '../sql/roles';
import { ident, num } from '../sql/quote';
import type { SqlQuery, SqlSource } from '../sql/types';
import { ROW } from '../served';

const BINS = 40;
const TOP = 200;
const TEXT_DISTINCT = 5000;

async function range(
  db: SqlQuery,
  src: SqlSource,
  value: string,
  timestamp: boolean,
): Promise<FieldProfile> {
  const [s] = await db.rows(
    `SELECT min(v) AS lo, max(v) AS hi, count(*) - count(v) AS nulls FROM (SELECT ${value} AS v FROM ${src.from})`,
  );
  if (s!.lo === null) return { kind: 'none', reason: 'every value is null' };
  const min = Number(s!.lo);
  const max = Number(s!.hi);
  const k = min === max ? 1 : BINS;
  const width = (max - min) / k || 1;
  const rows = await db.rows(
    `SELECT least(${k - 1}, CAST(floor((v - ${num(min)}) / ${num(width)}) AS BIGINT)) AS b, count(*) AS n ` +
      `FROM (SELECT ${value} AS v FROM ${src.from}) WHERE v IS NOT NULL GROUP BY b`,
  );
  const counts = new Array<number>(k).fill(0);
  for (const r of rows) counts[Number(r.b)] = Number(r.n);
  const edges = Array.from({ length: k + 1 }, (_, j) => (j === k ? max : min + j * width));
  return { kind: 'range', timestamp, min, max, nulls: Number(s!.nulls), edges, counts };
}

/** Counts per value, most frequent first (ties in first-seen order), filtered by `search`. */
async function categories(
  db: SqlQuery,
  src: SqlSource,
  value: string,
  search: string,
  names?: string[],
): Promise<{ nulls: number; distinct: number; values: { value: string; count: number }[] }> {
  const [s] = await db.rows(
    `SELECT count(*) - count(v) AS nulls, count(DISTINCT v) AS d FROM (SELECT ${value} AS v FROM ${src.from})`,
  );
  const needle = search.toLowerCase();
  const rows = await db.rows(
    `SELECT v, count(*) AS n, min(${ident(ROW)}) AS first FROM (SELECT ${value} AS v, ${ident(ROW)} FROM ${src.from}) ` +
      `WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, ${names ? 'v' : 'first'}`,
  );
  const values = rows
    .map((r) => ({ value: names ? names[Number(r.v)]! : String(r.v), count: Number(r.n) }))
    .filter((r) => !needle || r.value.toLowerCase().includes(needle))
    .slice(0, TOP);
  return { nulls: Number(s!.nulls), distinct: names ? names.length : Number(s!.d), values };
}

export async function profileSql(
  db: SqlQuery,
  src: SqlSource,
  field: Field,
  search = '',
): Promise<FieldProfile> {
  if (field.type !== 'column') {
    if (src.roles.versions.length === 0 && !src.roles.label)
      return { kind: 'none', reason: 'no roles yet' };
    if (field.type === 'score') {
      const s = scoreOf(src, field.version);
      return s ? range(db, src, s, false) : { kind: 'none', reason: 'this version has no score' };
    }
    const codes = field.type === 'label' ? labelCode(src) : predCode(src, field.version);
    if (!codes) return { kind: 'none', reason: 'no classes for this field' };
    return { kind: 'categories', ...(await categories(db, src, codes, search, src.classes)) };
  }
  const c = findColumn(src, field.name);
  if (!c) return { kind: 'none', reason: `no column "${field.name}"` };
  switch (c.kind) {
    case 'numeric':
      return range(db, src, numberOf(c), false);
    case 'timestamp':
      return range(db, src, numberOf(c), true);
    case 'boolean': {
      const v = `(CASE WHEN ${c.sql} THEN 1 WHEN NOT ${c.sql} THEN 0 END)`;
      const r = await categories(db, src, v, search, ['false', 'true']);
      return { kind: 'categories', ...r, distinct: 2 };
    }
    case 'string': {
      const r = await categories(db, src, c.sql, search);
      return { kind: r.distinct > TEXT_DISTINCT ? 'text' : 'categories', ...r };
    }
    default:
      return { kind: 'none', reason: `${c.kind} values cannot be filtered directly` };
  }
}
