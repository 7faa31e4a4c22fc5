// The class list the in-tab engine builds (data/prepare.ts classList), from distinct values in SQL.
import { positiveIndex, sortClasses } from '../../data/classes';
import type { RoleMapping } from '../../shared/roles';
import { findColumn, numberOf } from '../sql/columns';
import type { SqlQuery, SqlSource } from '../sql/types';

type Src = Pick<SqlSource, 'from' | 'columns'>;

/** Distinct class names a column holds (data/classes.ts classValuesOf). */
async function valuesOf(db: SqlQuery, src: Src, name: string | null): Promise<string[]> {
  const c = findColumn(src as SqlSource, name);
  if (!c) return [];
  if (c.kind === 'boolean') return ['false', 'true'];
  if (c.kind === 'string') {
    const rows = await db.rows(
      `SELECT DISTINCT ${c.sql} AS v FROM ${src.from} WHERE ${c.sql} IS NOT NULL`,
    );
    return rows.map((r) => String(r.v));
  }
  if (c.kind === 'numeric') {
    const v = numberOf(c);
    const rows = await db.rows(
      `SELECT DISTINCT ${v} AS v FROM ${src.from} WHERE ${v} IS NOT NULL LIMIT 10001`,
    );
    return rows.map((r) => String(Number(r.v)));
  }
  return [];
}

export async function classesSql(
  db: SqlQuery,
  src: Src,
  m: RoleMapping,
): Promise<{ classes: string[]; positiveClass: string | null }> {
  if (m.task === 'regression') return { classes: [], positiveClass: null };
  const label = findColumn(src as SqlSource, m.label);
  const values = label?.kind === 'vector' ? [] : await valuesOf(db, src, m.label);
  for (const v of m.versions) {
    const p = findColumn(src as SqlSource, v.prediction);
    if (p && p.kind !== 'vector') values.push(...(await valuesOf(db, src, v.prediction)));
  }
  let maxDim = 0;
  for (const v of m.versions) {
    const c = findColumn(src as SqlSource, v.probabilities);
    if (c?.kind !== 'vector') continue;
    const [r] = await db.rows(`SELECT max(len(${c.sql})) AS d FROM ${src.from}`);
    maxDim = Math.max(maxDim, Number(r?.d ?? 0));
  }
  let classes = sortClasses(values);
  if (maxDim > classes.length && classes.every((c) => /^\d+$/.test(c) && Number(c) < maxDim))
    classes = Array.from({ length: maxDim }, (_, j) => String(j));
  if (m.task === 'binary' && classes.length < 2)
    classes = sortClasses([...classes, '0', '1']).slice(0, 2);
  const positive = m.task === 'binary' ? classes[positiveIndex(classes, m.positiveClass)] : null;
  return { classes, positiveClass: positive ?? null };
}
