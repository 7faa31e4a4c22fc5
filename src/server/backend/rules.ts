// Release rules in SQL (worker/services/rules): the same cohort × version × rule grid, each cell
// measured by the tab's own arithmetic on counts from SQL — discordant rows for share-above and
// accuracy, flips for the flip rate, the k³ joint counts for macro-F1 (then the tab's count
// bootstrap, same seed) — and for AUC, MAE and RMSE a paired Poisson bootstrap drawn in DuckDB
// with the tab's weights (sql/poisson.ts), so every interval, p, q and verdict equals the tab's.
// The shared arithmetic lives in engine/rules; the tab's own grid is worker/services/rules.
import { percentileInterval } from '../../engine/stats/bootstrap';
import { bootstrap } from '../../engine/stats';
import type {
  RowRulesRequest,
  RowRulesResult,
  RuleCell,
  RulesRequest,
  RulesResult,
  ReleaseRule,
} from '../../protocol';
import { rowRuleHits } from '../../engine/rules/row';
import type { Predicate } from '../../shared/predicate';
import { CohortError } from '../../engine/cohort/truth';
import { positiveIndex } from '../../data/classes';
import {
  type Check,
  COUNT_RESAMPLES,
  WEIGHT_RESAMPLES,
  accuracyDropMeasure,
  bootstrapMeasure,
  flipRateMeasure,
  shareRiseMeasure,
} from '../../engine/rules/measures';
import { macroF1CountsStatistic } from '../../engine/rules/macroF1';
import { ruleLimit } from '../../engine/rules/limits';
import {
  ALL_ROWS_ID,
  cohortUnmeasurable,
  finishGrid,
  gridCell,
  planGrid,
} from '../../engine/rules/grid';
import { ident, int, num } from '../sql/quote';
import { poissonWeighted } from '../sql/poisson';
import { labelCode, labelValue, predCode, scoreOf, yhatOf } from '../sql/roles';
import type { SqlQuery, SqlSource } from '../sql/types';
import { ROW } from '../served';
import { chartScoreSql } from './charts';

const fail = (reason: string): Check => ({ ok: false, reason });
/** As the tab's rules/bootstrap.ts: past 16 classes it reweights rows, not done here yet. */
const COUNT_CLASSES = 16;

interface Cell {
  src: SqlSource;
  db: SqlQuery;
  where: string;
  base: string;
  other: string;
  limit: number;
  seed: number;
}

const n = (v: unknown) => Number(v ?? 0);

async function shareRise(c: Cell, t: number): Promise<Check> {
  const sa = chartScoreSql(c.src, c.base);
  const sb = chartScoreSql(c.src, c.other);
  if (!sa || !sb) return fail('needs a score from both versions');
  const [r] = await c.db.rows(
    `SELECT count(*) AS n, count(*) FILTER (WHERE a > ${num(t)}) AS ua, count(*) FILTER (WHERE b > ${num(t)}) AS ub, ` +
      `count(*) FILTER (WHERE a > ${num(t)} AND NOT b > ${num(t)}) AS down, count(*) FILTER (WHERE b > ${num(t)} AND NOT a > ${num(t)}) AS up ` +
      `FROM (SELECT ${sa} AS a, ${sb} AS b FROM ${c.src.from} WHERE ${c.where}) WHERE a IS NOT NULL AND b IS NOT NULL`,
  );
  const total = n(r!.n);
  const ratio = (x: number) => (total > 0 ? x / total : NaN);
  return shareRiseMeasure(
    {
      n: total,
      crossedUp: n(r!.up),
      crossedDown: n(r!.down),
      shareA: ratio(n(r!.ua)),
      shareB: ratio(n(r!.ub)),
    },
    t,
    c.limit,
  );
}

async function flipTotals(c: Cell) {
  const label = labelCode(c.src);
  const pa = predCode(c.src, c.base);
  const pb = predCode(c.src, c.other);
  if (!label || !pa || !pb) return null;
  const [r] = await c.db.rows(
    `SELECT count(*) AS n, count(*) FILTER (WHERE a = l AND b <> l) AS c2w, count(*) FILTER (WHERE a <> l AND b = l) AS w2c, ` +
      `count(*) FILTER (WHERE a = l) AS ca, count(*) FILTER (WHERE b = l) AS cb FROM ` +
      `(SELECT ${label} AS l, ${pa} AS a, ${pb} AS b FROM ${c.src.from} WHERE ${c.where}) ` +
      `WHERE l IS NOT NULL AND a IS NOT NULL AND b IS NOT NULL`,
  );
  return {
    evaluated: n(r!.n),
    correctToWrong: n(r!.c2w),
    wrongToCorrect: n(r!.w2c),
    correctA: n(r!.ca),
    correctB: n(r!.cb),
  };
}

async function macroF1Drop(c: Cell): Promise<Check> {
  const label = labelCode(c.src);
  const pa = predCode(c.src, c.base);
  const pb = predCode(c.src, c.other);
  if (!label || !pa || !pb) return fail('needs a label and predictions');
  const k = c.src.classes.length;
  if (k > COUNT_CLASSES)
    return fail(`not in server mode yet past ${COUNT_CLASSES} classes (open the file in the tab)`);
  const rows = await c.db.rows(
    `SELECT l, a, b, count(*) AS n FROM (SELECT ${label} AS l, ${pa} AS a, ${pb} AS b FROM ${c.src.from} WHERE ${c.where}) ` +
      `WHERE l IS NOT NULL AND a IS NOT NULL AND b IS NOT NULL GROUP BY l, a, b`,
  );
  const categories = new Float64Array(k * k * k);
  for (const r of rows) categories[(n(r.l) * k + n(r.a)) * k + n(r.b)] = n(r.n);
  const stat = macroF1CountsStatistic(categories, k);
  const total = categories.reduce((x, y) => x + y, 0);
  if (total === 0 || Number.isNaN(stat.estimate)) return fail('not defined on these rows');
  const r = bootstrap(stat, COUNT_RESAMPLES, { nullValue: c.limit, seed: c.seed });
  return bootstrapMeasure(r, stat, total, true);
}

/** Replicates (or, with weights all 1, the estimate) of a paired statistic over `units`. */
async function pairedSql(
  c: Cell,
  select: string[],
  usable: string,
  stat: (from: string) => string,
): Promise<{ estimate: number; a: number; b: number; size: number; reps: Float64Array }> {
  const cols = select.map((s, j) => `${s} AS ${ident(`c${j}`)}`).join(', ');
  const inner = `SELECT * FROM (SELECT ${ident(ROW)}, ${cols} FROM ${c.src.from} WHERE ${c.where}) WHERE ${usable}`;
  const names = select.map((_, j) => `c${j}`);
  const ones = `(SELECT ${names.map(ident).join(', ')}, 0 AS r, 1 AS w FROM (${inner}))`;
  const [e] = await c.db.rows(
    `SELECT a, b, size FROM (${stat(ones)}) CROSS JOIN (SELECT count(*) AS size FROM (${inner}))`,
  );
  const weighted = poissonWeighted(inner, ROW, names, WEIGHT_RESAMPLES, c.seed);
  const reps = new Float64Array(WEIGHT_RESAMPLES).fill(NaN);
  for (const r of await c.db.rows(`SELECT r, b - a AS v FROM (${stat(weighted)})`))
    reps[n(r.r)] = r.v === null ? NaN : Number(r.v);
  const a = e?.a === null || e === undefined ? NaN : Number(e.a);
  const b = e?.b === null || e === undefined ? NaN : Number(e.b);
  return { estimate: b - a, a, b, size: n(e?.size), reps };
}

async function measured(c: Cell, p: Awaited<ReturnType<typeof pairedSql>>): Promise<Check> {
  if (p.size === 0 || Number.isNaN(p.estimate)) return fail('not defined on these rows');
  const r = percentileInterval(p.reps, p.estimate, { nullValue: c.limit });
  return bootstrapMeasure(r, p, p.size, false);
}

/** Weighted Mann–Whitney AUC of columns c0 (A) and c1 (B) against c2 (0/1), per resample r. */
function pairedAuc(from: string): string {
  const one = (s: string) =>
    `(SELECT r, CASE WHEN sum(p) > 0 AND sum(q) > 0 THEN sum(p * (2 * below + q)) / (2 * sum(p) * sum(q)) END AS v FROM ` +
    `(SELECT r, p, q, coalesce(sum(q) OVER (PARTITION BY r ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below FROM ` +
    `(SELECT r, ${s} AS s, sum(w * c2) AS p, sum(w * (1 - c2)) AS q FROM ${from} GROUP BY r, ${s})) GROUP BY r)`;
  return `SELECT x.r, x.v AS a, y.v AS b FROM ${one('c0')} x JOIN ${one('c1')} y ON x.r = y.r`;
}

async function aucDrop(c: Cell): Promise<Check> {
  const label = labelCode(c.src);
  const sa = scoreOf(c.src, c.base);
  const sb = scoreOf(c.src, c.other);
  if (!label || !sa || !sb) return fail('needs a binary label and scores');
  const pos = positiveIndex(c.src.classes, c.src.roles.positiveClass);
  const l01 = `(CASE WHEN ${label} = ${int(pos)} THEN 1 WHEN ${label} IS NOT NULL THEN 0 END)`;
  const p = await pairedSql(
    c,
    [sa, sb, l01],
    `c0 IS NOT NULL AND c1 IS NOT NULL AND c2 IS NOT NULL`,
    pairedAuc,
  );
  return measured(c, p);
}

async function regressionRise(c: Cell, metric: 'mae' | 'rmse'): Promise<Check> {
  const y = labelValue(c.src);
  const ha = yhatOf(c.src, c.base);
  const hb = yhatOf(c.src, c.other);
  if (!y || !ha || !hb) return fail('needs a numeric label and predictions');
  const err = (h: string) =>
    metric === 'mae' ? `abs(${h} - ${y})` : `(${h} - ${y}) * (${h} - ${y})`;
  const f = (x: string) => (metric === 'rmse' ? `sqrt(${x})` : x);
  const p = await pairedSql(
    c,
    [err(ha), err(hb)],
    'c0 IS NOT NULL AND c1 IS NOT NULL',
    (from) =>
      `SELECT r, ${f('sum(w * c0) / sum(w)')} AS a, ${f('sum(w * c1) / sum(w)')} AS b FROM ${from} GROUP BY r`,
  );
  return measured(c, p);
}

function checkRule(rule: ReleaseRule, c: Cell): Promise<Check> | Check {
  const task = c.src.roles.task;
  switch (rule.kind) {
    case 'share-above-rise':
      return shareRise(c, rule.threshold);
    case 'metric-drop':
      if (task === 'regression') return fail('applies to classifiers');
      if (rule.metric === 'auc') return task === 'binary' ? aucDrop(c) : fail('binary only');
      return rule.metric === 'accuracy'
        ? flipTotals(c).then((f) => accuracyDropMeasure(f, c.limit))
        : macroF1Drop(c);
    case 'negative-flip-rate':
      if (task === 'regression') return fail('applies to classifiers');
      return flipTotals(c).then((f) => flipRateMeasure(f, c.limit));
    case 'regression-metric-rise':
      if (task !== 'regression') return fail('applies to regression');
      return regressionRise(c, rule.metric);
  }
}

export async function rulesSql(
  db: SqlQuery,
  src: SqlSource,
  req: RulesRequest,
  whereOf: (p: Predicate) => string,
): Promise<RulesResult> {
  const plan = planGrid(
    src.roles.versions.map((v) => v.name),
    req,
  );
  const { baseline, versions, rules } = plan;
  const cohorts = [
    {
      id: ALL_ROWS_ID,
      name: 'All rows',
      where: 'TRUE',
      size: src.rowCount,
      error: null as string | null,
    },
  ];
  for (const def of req.cohorts) {
    try {
      const where = whereOf(def.predicate);
      const [r] = await db.rows(`SELECT count(*) AS n FROM ${src.from} WHERE ${where}`);
      cohorts.push({ id: def.id, name: def.name, where, size: n(r!.n), error: null });
    } catch (err) {
      if (!(err instanceof CohortError)) throw err;
      cohorts.push({ id: def.id, name: def.name, where: 'FALSE', size: 0, error: err.message });
    }
  }
  const cells: RuleCell[] = [];
  for (const co of cohorts)
    for (const other of versions)
      for (const rule of rules) {
        const seed = cells.length + 1;
        const { limit } = ruleLimit(rule);
        const cell = { src, db, where: co.where, base: baseline, other, limit, seed };
        const check = cohortUnmeasurable(co) ?? (await checkRule(rule, cell));
        cells.push(gridCell(rule, co.id, other, check));
      }
  return finishGrid(plan, cohorts, cells);
}

/** The rules one row crosses (the row detail): the row's values by SQL, the tab's sentences. */
export async function rowRulesSql(
  db: SqlQuery,
  src: SqlSource,
  req: RowRulesRequest,
): Promise<RowRulesResult> {
  if (
    !Number.isInteger(req.row) ||
    req.row < 0 ||
    req.row >= src.rowCount ||
    !src.roles.versions.length
  )
    return { hits: [], notPerRow: [] };
  const label = labelCode(src);
  const y = labelValue(src);
  const cols = src.roles.versions.flatMap((v, j) => {
    const p = predCode(src, v.name);
    const correct =
      label && p
        ? `CASE WHEN ${label} IS NULL OR ${p} IS NULL THEN NULL ELSE ${label} = ${p} END`
        : 'NULL';
    return [
      `${chartScoreSql(src, v.name) ?? 'NULL'} AS ${ident(`s${j}`)}`,
      `${correct} AS ${ident(`c${j}`)}`,
      `${yhatOf(src, v.name) ?? 'NULL'} AS ${ident(`h${j}`)}`,
    ];
  });
  const [r] = await db.rows(
    `SELECT ${y && src.roles.task === 'regression' ? y : 'NULL'} AS y, ${cols.join(', ')} FROM ${src.from} WHERE ${ident(ROW)} = ${int(req.row)}`,
  );
  if (!r) return { hits: [], notPerRow: [] };
  const numOr = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  const versions = src.roles.versions.map((v, j) => ({
    name: v.name,
    score: numOr(r[`s${j}`]),
    correct: r[`c${j}`] === null || r[`c${j}`] === undefined ? null : Boolean(r[`c${j}`]),
    yhat: src.roles.task === 'regression' ? numOr(r[`h${j}`]) : NaN,
  }));
  return rowRuleHits(req.rules, src.roles.task, versions, req.baseline, numOr(r.y));
}
