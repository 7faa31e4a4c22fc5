// One row's detail in server mode (worker/services/rows/rowDetail.ts): the row is found by its
// id's text (or '#<index>'), read in one query; ranks and cohort memberships are counts.
import { CohortError } from '../../engine/cohort/truth';
import { describeErrorChange, describeFlip } from '../../engine/rows/flips';
import { positiveIndex } from '../../data/classes';
import {
  type RowDetail,
  type RowDetailRequest,
  type RowFlip,
  type VersionDetail,
  rowNotFound,
} from '../../protocol';
import { labelCode, labelValue, predCode, scoreOf, yhatOf } from '../sql/roles';
import { ident, int, num } from '../sql/quote';
import type { SqlQuery, SqlSource } from '../sql/types';
import { ROW } from '../served';
import { type SqlRows, cellOfValue, cellSql } from './rows';
import { keptRank } from './pass';

const TOP_K = 5;
const fmt = (v: number) => String(Number(v.toPrecision(4)));
const n = (v: unknown) =>
  v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v);

/**
 * The rows named by the query, each read whole: by id in one scan that Parquet's row-group
 * statistics prune (the id compared with a literal of its own type), else '#<index>'.
 */
async function rowsNamed(
  db: SqlQuery,
  src: SqlSource,
  rows: SqlRows,
  q: string,
  cols: string[],
): Promise<Record<string, unknown>[]> {
  const select = `SELECT ${ident(ROW)} AS __r, ${cols.join(', ')} FROM ${src.from}`;
  const match = rows.idEquals(q);
  if (match) {
    const hit = await db.rows(`${select} WHERE ${match} ORDER BY __r`);
    if (hit.length) return hit;
  }
  const m = /^#(\d+)$/.exec(q);
  return m && Number(m[1]) < src.rowCount
    ? db.rows(`${select} WHERE ${ident(ROW)} = ${int(Number(m[1]))}`)
    : [];
}

export async function rowDetailSql(
  db: SqlQuery,
  src: SqlSource,
  rows: SqlRows,
  req: RowDetailRequest,
): Promise<RowDetail> {
  const query = req.row.trim();
  const task = src.roles.versions.length || src.roles.label ? src.roles.task : null;
  const regression = src.roles.task === 'regression';
  const versions = src.roles.versions.map((v) => ({
    name: v.name,
    pred: regression ? null : predCode(src, v.name),
    score: regression ? null : scoreOf(src, v.name),
    yhat: regression ? yhatOf(src, v.name) : null,
  }));
  const label = regression ? null : labelCode(src);
  const y = regression ? labelValue(src) : null;
  const fields = rows.fields();
  const fileFields = src.columns
    .map((c) => fields.find((f) => f.key === c.name))
    .filter((f): f is NonNullable<typeof f> => !!f);
  const probs = src.roles.versions.map((v) =>
    fields.find((f) => f.key === v.probabilities && f.kind === 'vector'),
  );
  // Multiclass rows are ranked by the probability of the predicted class.
  const confs = src.roles.versions.map((v) =>
    src.roles.task === 'multiclass' ? fields.find((f) => f.key === `:conf:${v.name}`) : undefined,
  );
  const cols = [
    `${rows.idSql() ?? 'NULL'} AS id`,
    `${label ?? 'NULL'} AS l`,
    `${y ?? 'NULL'} AS y`,
    ...versions.flatMap((v, j) => [
      `${v.pred ?? 'NULL'} AS p${j}`,
      `${v.score ?? 'NULL'} AS s${j}`,
      `${v.yhat ?? 'NULL'} AS h${j}`,
      `${probs[j]?.sql ?? 'NULL'} AS v${j}`,
      `${confs[j]?.sql ?? 'NULL'} AS c${j}`,
    ]),
    ...fileFields.map((f, j) => `${cellSql(f)} AS f${j}`),
  ];
  let cohortWhere: string | null = null;
  let cohortError: string | null = null;
  try {
    cohortWhere = req.cohort ? rows.where(req.cohort) : null;
  } catch (err) {
    if (!(err instanceof CohortError)) throw err;
    cohortError = err.message;
  }
  const members = req.cohorts.map((c) => {
    try {
      return { id: c.id, where: rows.where(c.predicate), error: null };
    } catch (err) {
      if (!(err instanceof CohortError)) throw err;
      return { id: c.id, where: null, error: err.message };
    }
  });
  // Cohort memberships are read with the row (its predicates as columns), not by more scans.
  const flags = [
    `${cohortWhere ? `(${cohortWhere})` : 'NULL'} AS __in`,
    ...members.map((m, j) => `${m.where ? `(${m.where})` : 'NULL'} AS __m${j}`),
  ];
  const found = await rowsNamed(db, src, rows, query, [...cols, ...flags]);
  if (found.length === 0) {
    return rowNotFound(query, rows.idSql() !== null, src.rowCount);
  }
  const occurrence = Math.min(Math.max(0, Math.floor(req.occurrence ?? 0)), found.length - 1);
  const r = found[occurrence]!;
  const i = Number(r.__r);
  const inActive: boolean | null = cohortWhere ? r.__in === true : null;
  const cohorts = members.map((m, j) => ({
    id: m.id,
    member: m.where !== null && r[`__m${j}`] === true,
    error: m.error,
  }));
  const className = (code: unknown) => (code === null ? null : (src.classes[Number(code)] ?? null));
  const labelName = regression ? (n(r.y) === null ? null : fmt(n(r.y)!)) : className(r.l);
  const pos = positiveIndex(src.classes, src.roles.positiveClass);
  // Every version's rank and the active cohort's size in one scan of the ranked columns.
  const ranked = versions.map((v, j) => {
    const sql =
      src.roles.task === 'binary' ? v.score : regression ? v.yhat : (confs[j]?.sql ?? null);
    const value =
      src.roles.task === 'binary' ? n(r[`s${j}`]) : regression ? n(r[`h${j}`]) : n(r[`c${j}`]);
    return sql && value !== null ? { sql, value } : null;
  });
  // A row outside the active cohort is ranked among all rows (as in the tab).
  const within = inActive && cohortWhere ? `(${cohortWhere})` : 'TRUE';
  // Among all rows, a score's rank comes from the counts the overview's pass kept (pass.ts).
  const kept = ranked.map((x) => (x && within === 'TRUE' ? keptRank(db, x.sql, x.value) : null));
  const aggs = [
    ...(cohortWhere ? [`count(*) FILTER (WHERE ${cohortWhere}) AS n`] : []),
    ...ranked.flatMap((x, j) =>
      x && !kept[j]
        ? [
            `count(*) FILTER (WHERE ${within} AND (${x.sql}) < ${num(x.value)}) AS b${j}`,
            `count(*) FILTER (WHERE ${within} AND (${x.sql}) = ${num(x.value)}) AS e${j}`,
            `count(*) FILTER (WHERE ${within} AND (${x.sql}) IS NOT NULL) AS t${j}`,
          ]
        : [],
    ),
  ];
  // Without ranks the row is answered from the pruned scan alone (the page asks again with them).
  const ranks = req.ranks !== false;
  const counts =
    ranks && aggs.length ? (await db.rows(`SELECT ${aggs.join(', ')} FROM ${src.from}`))[0]! : {};
  const cohortSize = cohortWhere ? (ranks ? Number(counts.n) : 0) : src.rowCount;
  const detail: VersionDetail[] = [];
  for (const [j, v] of versions.entries()) {
    const predicted = className(r[`p${j}`]);
    const score = n(r[`s${j}`]);
    const vec = r[`v${j}`] as (number | null)[] | null;
    let top =
      vec && vec.length === src.classes.length && vec[0] !== null
        ? vec
            .map((p, k) => ({ cls: src.classes[k]!, p: Math.fround(Number(p)) }))
            .filter((x) => !Number.isNaN(x.p))
            .sort((a, b) => b.p - a.p)
            .slice(0, TOP_K)
        : [];
    if (top.length === 0 && score !== null && src.roles.task === 'binary') {
      const neg = src.classes[pos === 0 ? 1 : 0]!;
      top = [
        { cls: src.classes[pos]!, p: score },
        { cls: neg, p: 1 - score },
      ].sort((a, b) => b.p - a.p);
    }
    const rank = ranks ? ranked[j] : null;
    let percentile: VersionDetail['percentile'] = null;
    if (rank) {
      const k = kept[j];
      const below = k ? k.below : Number(counts[`b${j}`]);
      const equal = k ? k.equal : Number(counts[`e${j}`]);
      const total = k ? k.total : Number(counts[`t${j}`]);
      const basis =
        src.roles.task === 'binary'
          ? `score (probability of ${src.classes[pos]})`
          : regression
            ? 'predicted value'
            : 'probability of the predicted class';
      percentile = {
        basis,
        value: rank.value,
        below,
        equal,
        total,
        percentile: total > 0 ? (100 * (below + equal / 2)) / total : null,
      };
    }
    detail.push({
      name: v.name,
      predicted,
      yhat: n(r[`h${j}`]),
      correct:
        predicted !== null && labelName !== null && !regression ? predicted === labelName : null,
      score,
      top,
      percentile,
    });
  }
  const flips: RowFlip[] = [];
  for (let j = 1; j < versions.length; j++) {
    const a = detail[j - 1]!;
    const b = detail[j]!;
    if (regression) {
      const yv = n(r.y) ?? NaN;
      const sentence = describeErrorChange(
        a.name,
        b.name,
        Math.abs((a.yhat ?? NaN) - yv),
        Math.abs((b.yhat ?? NaN) - yv),
        fmt,
      );
      flips.push({ from: a.name, to: b.name, kind: 'regression', sentence });
      continue;
    }
    const f = describeFlip(
      { version: a.name, predicted: a.predicted },
      { version: b.name, predicted: b.predicted },
      labelName,
    );
    flips.push({ from: a.name, to: b.name, ...f });
  }
  return {
    found: true,
    query,
    id: r.id === null ? null : String(r.id),
    index: i,
    occurrences: found.length,
    occurrence,
    task,
    positiveClass: src.roles.task === 'binary' ? (src.classes[pos] ?? null) : null,
    label: labelName,
    versions: detail,
    flips,
    features: fileFields.map((f, j) => ({
      name: f.key,
      role: f.role,
      percent: f.percent,
      cell: cellOfValue(f, r[`f${j}`], TOP_K),
    })),
    cohortSize,
    inActiveCohort: inActive,
    cohortError,
    cohorts,
    ...(ranks ? {} : { ranked: false }),
  };
}
