// Headline metrics (engine/overview.ts's computeOverview) from SQL aggregates: a confusion matrix
// per version by GROUP BY (then the engine's own summaryOfMatrix), AUC by rank sums over the
// distinct scores, regression errors by sums. Only counts and sums leave DuckDB.
import { summaryOfMatrix } from '../../engine/metrics/classification';
import type { VersionMetrics } from '../../protocol';
import { labelValue, yhatOf } from '../sql/roles';
import { positiveIndex } from '../../data/classes';
import type { SqlQuery, SqlSource } from '../sql/types';
import { aucOf, cohortPass } from './pass';

const BLANK = { accuracy: null, macroF1: null, auc: null, mae: null, rmse: null };

function and(...parts: (string | null)[]): string {
  const p = parts.filter((x): x is string => !!x);
  return p.length ? p.map((x) => `(${x})`).join(' AND ') : 'TRUE';
}

/** The k×k confusion matrix (row = true class) over rows where both codes exist. */
export async function confusionSql(
  db: SqlQuery,
  src: SqlSource,
  label: string,
  pred: string,
  where: string | null,
): Promise<Float64Array> {
  const k = src.classes.length;
  const rows = await db.rows(
    `SELECT l, p, count(*) AS n FROM (SELECT ${label} AS l, ${pred} AS p FROM ${src.from} WHERE ${and(where)}) ` +
      `WHERE l IS NOT NULL AND p IS NOT NULL GROUP BY l, p`,
  );
  const cm = new Float64Array(k * k);
  for (const r of rows) cm[Number(r.l) * k + Number(r.p)] = Number(r.n);
  return cm;
}

/**
 * Mann–Whitney AUC as rocAuc computes it: for each distinct score, positives there win over the
 * negatives strictly below and tie with those at it (twice U kept as an integer).
 */
export async function aucSql(
  db: SqlQuery,
  src: SqlSource,
  label: string,
  score: string,
  where: string | null,
): Promise<number | null> {
  const pos = positiveIndex(src.classes, src.roles.positiveClass);
  const [r] = await db.rows(
    `WITH s AS (SELECT ${score} AS s, ${label} AS l FROM ${src.from} WHERE ${and(where)}), ` +
      `g AS (SELECT s, sum(CASE WHEN l = ${pos} THEN 1 ELSE 0 END) AS p, ` +
      `sum(CASE WHEN l <> ${pos} THEN 1 ELSE 0 END) AS q FROM s WHERE s IS NOT NULL AND l IS NOT NULL GROUP BY s), ` +
      `c AS (SELECT p, q, coalesce(sum(q) OVER (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below FROM g) ` +
      `SELECT CAST(sum(p * (2 * below + q)) AS DOUBLE) AS twice_u, CAST(sum(p) AS DOUBLE) AS np, CAST(sum(q) AS DOUBLE) AS nq FROM c`,
  );
  const np = Number(r?.np ?? 0);
  const nq = Number(r?.nq ?? 0);
  return np > 0 && nq > 0 ? Number(r!.twice_u) / (2 * np * nq) : null;
}

async function regression(
  db: SqlQuery,
  src: SqlSource,
  name: string,
  where: string | null,
): Promise<VersionMetrics> {
  const y = labelValue(src);
  const yhat = yhatOf(src, name);
  if (!y || !yhat) return { version: name, evaluated: 0, ...BLANK };
  const [r] = await db.rows(
    `SELECT count(*) AS n, sum(abs(e)) AS a, sum(e * e) AS s FROM ` +
      `(SELECT ${yhat} - ${y} AS e FROM ${src.from} WHERE ${and(where)}) WHERE e IS NOT NULL`,
  );
  const n = Number(r!.n);
  const mae = n ? Number(r!.a) / n : NaN;
  const rmse = n ? Math.sqrt(Number(r!.s) / n) : NaN;
  return { version: name, evaluated: n, ...BLANK, mae, rmse };
}

/** Each version's headline metrics over the rows where `where` holds (null = all rows). */
export async function overviewSql(
  db: SqlQuery,
  src: SqlSource,
  where: string | null,
): Promise<VersionMetrics[]> {
  return (await cohortNumbersSql(db, src, where, true)).metrics;
}

/**
 * A cohort's size and each version's headline metrics. Classification: one scan (pass.ts) for
 * the size, every version's matrix and (when `ranks`) AUC; regression: the size and one sum
 * query per version.
 */
export async function cohortNumbersSql(
  db: SqlQuery,
  src: SqlSource,
  where: string | null,
  ranks: boolean,
): Promise<{ size: number; metrics: VersionMetrics[] }> {
  const names = src.roles.versions.map((v) => v.name);
  if (src.roles.task === 'regression') {
    const [r] = await db.rows(`SELECT count(*) AS n FROM ${src.from} WHERE ${and(where)}`);
    const metrics = await Promise.all(names.map((v) => regression(db, src, v, where)));
    return { size: Number(r!.n), metrics };
  }
  const k = src.classes.length;
  const pass = await cohortPass(db, src, where, { base: null, ranks });
  const metrics = pass.versions.map((v) => {
    const m: VersionMetrics = { version: v.name, evaluated: 0, ...BLANK };
    if (v.matrix) {
      const s = summaryOfMatrix(v.matrix, k);
      Object.assign(m, { evaluated: s.n, accuracy: s.accuracy, macroF1: s.macroF1 });
    }
    if (v.rank) m.auc = aucOf(v);
    return m;
  });
  return { size: pass.size, metrics };
}
