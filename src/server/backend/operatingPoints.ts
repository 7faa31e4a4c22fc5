// Compare's thresholds panel in SQL (worker/services/compare/operatingPoints.ts): each version's
// counts at its threshold are one aggregate (score ≥ t by label), and "match operating point"
// is one sorted aggregate over the other version's distinct scores: the count from the top at
// each value (a running sum, highest value first), then the value just reaching the baseline's
// false positives (or alerts) and the one just short of it, as the tab's two binary searches
// pick them (engine/compare/scoreIndex.thresholdForCount).
import { positiveIndex } from '../../data/classes';
import { statsOfCounts, type ThresholdStats } from '../../engine/compare/threshold';
import type {
  MatchRequest,
  MatchResult,
  OperatingPoints,
  OperatingPointsRequest,
} from '../../protocol';
import { int, num } from '../sql/quote';
import { labelCode, scoreOf } from '../sql/roles';
import type { SqlQuery, SqlSource } from '../sql/types';

const NOT_BINARY = 'Operating points apply to binary scores with a label.';

const thresholdFor = (t: Record<string, number>, version: string): number =>
  Object.hasOwn(t, version) ? t[version]! : 0.5;

/** 1 for the positive class, 0 for another, NULL without a label (labels01 of the tab). */
function label01(src: SqlSource): string | null {
  const label = labelCode(src);
  if (src.roles.task !== 'binary' || !label) return null;
  const pos = positiveIndex(src.classes, src.roles.positiveClass);
  return `(CASE WHEN ${label} = ${int(pos)} THEN 1 WHEN ${label} IS NOT NULL THEN 0 END)`;
}

/** "score ≥ t"; a NaN threshold flags every scored row, as the sorted index's lower bound does. */
const flagged = (s: string, t: number) => (Number.isNaN(t) ? 'TRUE' : `${s} >= ${num(t)}`);

/** thresholdStats of one score at `t` over the rows where `where` holds. */
export async function statsSql(
  db: SqlQuery,
  src: SqlSource,
  l01: string,
  score: string,
  t: number,
  where: string,
): Promise<ThresholdStats> {
  const [r] = await db.rows(
    `SELECT count(*) AS n, count(*) FILTER (WHERE f) AS alerts, count(*) FILTER (WHERE f AND l = 1) AS tp, ` +
      `count(*) FILTER (WHERE f AND l = 0) AS fp, count(*) FILTER (WHERE NOT f AND l = 0) AS tn, ` +
      `count(*) FILTER (WHERE NOT f AND l = 1) AS fn FROM (SELECT ${flagged('s', t)} AS f, l FROM ` +
      `(SELECT ${score} AS s, ${l01} AS l FROM ${src.from} WHERE ${where}) WHERE s IS NOT NULL)`,
  );
  const c = (k: string) => Number(r![k]);
  return statsOfCounts(t, c('n'), c('alerts'), c('tp'), c('fp'), c('tn'), c('fn'));
}

export async function operatingPointsSql(
  db: SqlQuery,
  src: SqlSource,
  req: OperatingPointsRequest,
  where: string,
): Promise<OperatingPoints> {
  const l01 = label01(src);
  if (!l01) return { versions: [], message: NOT_BINARY };
  const versions = [];
  for (const v of src.roles.versions) {
    const s = scoreOf(src, v.name);
    if (!s) continue;
    const stats = await statsSql(db, src, l01, s, thresholdFor(req.thresholds, v.name), where);
    versions.push({ version: v.name, ...stats });
  }
  return { versions, message: versions.length ? null : 'No version has a score.' };
}

export async function matchPointSql(
  db: SqlQuery,
  src: SqlSource,
  req: MatchRequest,
  where: string,
): Promise<MatchResult> {
  const l01 = label01(src);
  const has = (n: string) => src.roles.versions.some((v) => v.name === n);
  const a = has(req.baseline) ? scoreOf(src, req.baseline) : null;
  const b = has(req.other) ? scoreOf(src, req.other) : null;
  if (!l01 || !a || !b) throw new Error(`${NOT_BINARY} Both versions need a score.`);
  // Both versions on the same rows: scored by both (and labelled, for 'fpr').
  const rows =
    `(${where}) AND ${a} IS NOT NULL AND ${b} IS NOT NULL` +
    (req.by === 'fpr' ? ` AND ${l01} IS NOT NULL` : '');
  const base = await statsSql(db, src, l01, a, thresholdFor(req.thresholds, req.baseline), rows);
  const target = req.by === 'fpr' ? base.fp : base.alerts;
  const counted = req.by === 'fpr' ? `count(*) FILTER (WHERE l = 0)` : 'count(*)';
  // The running count from the top at each distinct value; the highest value reaching the target
  // and the lowest one short of it are the only candidates (the count never grows with the value).
  const [m] = await db.rows(
    `WITH g AS (SELECT s AS t, ${counted} AS c FROM (SELECT ${b} AS s, ${l01} AS l FROM ${src.from} WHERE ${rows}) GROUP BY s), ` +
      `k AS (SELECT t, sum(c) OVER (ORDER BY t DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum FROM g) ` +
      `SELECT (SELECT t FROM k WHERE cum >= ${int(target)} ORDER BY t DESC LIMIT 1) AS t1, ` +
      `(SELECT cum FROM k WHERE cum >= ${int(target)} ORDER BY t DESC LIMIT 1) AS c1, ` +
      `(SELECT t FROM k WHERE cum < ${int(target)} ORDER BY t ASC LIMIT 1) AS t2, ` +
      `(SELECT cum FROM k WHERE cum < ${int(target)} ORDER BY t ASC LIMIT 1) AS c2`,
  );
  let threshold = NaN;
  let achieved = NaN;
  let bestDiff = Infinity;
  for (const [t, c] of [
    [m!.t1, m!.c1],
    [m!.t2, m!.c2],
  ]) {
    if (t === null || t === undefined) continue;
    const tv = Number(t);
    const got = Number(c);
    const diff = Math.abs(got - target);
    if (diff < bestDiff || (diff === bestDiff && tv > threshold)) {
      bestDiff = diff;
      threshold = tv;
      achieved = got;
    }
  }
  return {
    by: req.by,
    baseline: req.baseline,
    other: req.other,
    threshold,
    target,
    achieved,
    base,
    matched: await statsSql(db, src, l01, b, threshold, rows),
    rows: base.n,
    message: Number.isNaN(threshold) ? 'No rows to match on.' : null,
  };
}
