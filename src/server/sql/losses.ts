// Log loss and Brier per row as SQL expressions (engine/metrics/perRow.ts, chosen as the tab's
// worker/services/compare/perRow.ts chooses): a binary score against the 0/1 label when the task
// is binary and the version has a score, else the version's k probabilities against the label's
// class. NULL where the tab holds NaN (no label, no score, any probability missing), so a mean
// over the non-NULL rows is the tab's mean over the non-NaN ones.
import { positiveIndex } from '../../data/classes';
import { findColumn, nanToNull } from './columns';
import { int, num } from './quote';
import { labelCode, probabilities, scoreOf } from './roles';
import type { SqlQuery, SqlSource } from './types';

/** defaultEps: the tab clips by the epsilon of the array's float type. */
const EPS32 = 2 ** -23;
const EPS64 = 2 ** -52;

/** −ln p with p clipped to [eps, 1 − eps] (clippedNegLog). p must not be NULL: GREATEST skips NULLs. */
function negLog(p: string, eps: number): string {
  return `(-LN(LEAST(${num(1 - eps)}, GREATEST(${num(eps)}, ${p}))))`;
}

export interface LossSql {
  logLoss: string;
  brier: string;
}

/** The tab holds a score as float32 when its column is FLOAT or it comes from probabilities. */
function scoreEps(src: SqlSource, name: string): number {
  const v = src.roles.versions.find((x) => x.name === name);
  const c = findColumn(src, v?.score ?? null);
  return c?.kind === 'numeric' ? (c.type === 'FLOAT' ? EPS32 : EPS64) : EPS32;
}

/**
 * A binary version's per-row terms from the label's class code and the score (DOUBLE): also
 * applied to the grouped (code, score) pairs of a cohort's pass (backend/pass.ts), whose sums
 * weighted by the pairs' counts are the same means without a scan of their own.
 */
export function binaryLossSql(src: SqlSource, name: string, label: string, score: string): LossSql {
  const pos = int(positiveIndex(src.classes, src.roles.positiveClass));
  const y = `(CASE WHEN ${label} = ${pos} THEN 1 WHEN ${label} IS NOT NULL THEN 0 END)`;
  const hit = `(CASE WHEN ${y} = 1 THEN ${score} ELSE 1 - ${score} END)`;
  return {
    logLoss: `(CASE WHEN ${y} IS NOT NULL AND ${score} IS NOT NULL THEN ${negLog(hit, scoreEps(src, name))} END)`,
    brier: `((${score} - ${y}) * (${score} - ${y}))`,
  };
}

/** A version's per-row log loss and Brier term, or null when it has neither (as the tab). */
export function lossesSql(src: SqlSource, name: string): LossSql | null {
  const label = labelCode(src);
  if (!label || src.roles.task === 'regression') return null;
  const score = scoreOf(src, name);
  if (src.roles.task === 'binary' && score) return binaryLossSql(src, name, label, score);
  const v = src.roles.versions.find((x) => x.name === name);
  const p = v ? probabilities(src, v) : null;
  if (!p) return null;
  // Every probability as DOUBLE with NaN as NULL: a row with any missing is skipped.
  const q = p.map((x) => nanToNull(`CAST(${x} AS DOUBLE)`));
  const valid = `${label} IS NOT NULL AND ${q.map((x) => `${x} IS NOT NULL`).join(' AND ')}`;
  const mine = `(CASE ${label} ${q.map((x, j) => `WHEN ${int(j)} THEN ${x}`).join(' ')} END)`;
  const terms = q.map((x, j) => {
    const d = `(${x} - CASE WHEN ${label} = ${int(j)} THEN 1 ELSE 0 END)`;
    return `${d} * ${d}`;
  });
  return {
    logLoss: `(CASE WHEN ${valid} THEN ${negLog(mine, EPS32)} END)`,
    brier: `(CASE WHEN ${valid} THEN ${terms.join(' + ')} END)`,
  };
}

/** Mean log loss and Brier over the rows where each is defined (NaN when none is). */
export async function lossMeansSql(
  db: SqlQuery,
  src: SqlSource,
  loss: LossSql,
  where: string,
): Promise<{ logLoss: number; brier: number }> {
  const [r] = await db.rows(
    `SELECT avg(l) AS l, avg(b) AS b FROM (SELECT ${loss.logLoss} AS l, ${loss.brier} AS b FROM ${src.from} WHERE ${where}) t`,
  );
  const value = (x: unknown) => (x === null || x === undefined ? NaN : Number(x));
  return { logLoss: value(r?.l), brier: value(r?.b) };
}
