// Compare's charts in SQL (worker/services/compare/charts.ts): score histograms, the v1-vs-v2
// density and reliability bins are GROUP BY counts over a bin index computed in SQL exactly as the
// engine's Binner / binOf compute it (same IEEE doubles: edge b = b·step + lo, then a nudge of one
// against the edges as numpy does), so the counts are equal, not close. Only bin counts and sums
// leave DuckDB.
import { Binner, type Range } from '../../engine/compare/histogram';
import { positiveIndex } from '../../data/classes';
import type {
  CalibrationRequest,
  Calibrations,
  Density,
  DensityRequest,
  Distributions,
  DistributionsRequest,
  ScoreKind,
} from '../../protocol';
import { nanToNull } from '../sql/columns';
import { int, num } from '../sql/quote';
import { labelCode, probabilities, scoreOf, yhatOf } from '../sql/roles';
import type { SqlQuery, SqlSource } from '../sql/types';

function kindOf(src: SqlSource): ScoreKind {
  const t = src.roles.task;
  return t === 'binary' ? 'score' : t === 'multiclass' ? 'confidence' : 'prediction';
}

function axisOf(src: SqlSource): string {
  const t = src.roles.task;
  if (t === 'binary') {
    const pos = positiveIndex(src.classes, src.roles.positiveClass);
    return `score: probability of “${src.classes[pos] ?? '?'}”`;
  }
  return t === 'multiclass' ? 'confidence: probability of the predicted class' : 'predicted value';
}

/** The largest of a version's probabilities; NULL when any is missing (chartScores' rule). */
function confidenceSql(src: SqlSource, version: string): string | null {
  const v = src.roles.versions.find((x) => x.name === version);
  const p = v ? probabilities(src, v) : null;
  if (!p) return null;
  const vals = p.map((x) => nanToNull(`CAST(${x} AS DOUBLE)`));
  const anyNull = vals.map((x) => `${x} IS NULL`).join(' OR ');
  return `(CASE WHEN ${anyNull} THEN NULL ELSE GREATEST(${vals.join(', ')}) END)`;
}

/** A version's chart score (chartScores.scoreOf): score, confidence or predicted value. */
export function chartScoreSql(src: SqlSource, version: string): string | null {
  const t = src.roles.task;
  if (t === 'binary') return scoreOf(src, version);
  if (t === 'regression') return yhatOf(src, version);
  return confidenceSql(src, version);
}

/** Binner.index in SQL: the bin of `v` in [lo, hi], NULL outside (or NULL v). */
export function binSql(v: string, b: Binner): string {
  const n = b.bins;
  const step = (b.hi - b.lo) / n;
  const raw = `LEAST(${int(n - 1)}, CAST(floor((${v} - ${num(b.lo)}) * ${num(n / (b.hi - b.lo))}) AS BIGINT))`;
  const edge = (k: string) => `(${k} * ${num(step)} + ${num(b.lo)})`;
  // The raw index is repeated rather than named: a correlated subquery would cost a join per row.
  // NULL is tested first: LEAST skips NULLs in DuckDB (and Postgres), so `raw` alone is not NULL.
  return (
    `(CASE WHEN ${v} IS NULL OR NOT (${v} >= ${num(b.lo)} AND ${v} <= ${num(b.hi)}) THEN NULL ` +
    `WHEN ${v} < ${edge(raw)} THEN ${raw} - 1 ` +
    `WHEN ${raw} < ${int(n - 1)} AND ${v} >= ${edge(`(${raw} + 1)`)} THEN ${raw} + 1 ELSE ${raw} END)`
  );
}

/** chartScores.sharedRange over whole columns (no cohort), in one query. */
async function sharedRangeSql(
  db: SqlQuery,
  src: SqlSource,
  scores: string[],
  kind: ScoreKind,
  include: number[] = [],
): Promise<Range> {
  const parts = scores.map((s, j) => `min(${s}) AS lo${j}, max(${s}) AS hi${j}`);
  const [r] = await db.rows(`SELECT ${parts.join(', ')} FROM ${src.from}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of include) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  scores.forEach((_, j) => {
    if (r![`lo${j}`] !== null) lo = Math.min(lo, Number(r![`lo${j}`]));
    if (r![`hi${j}`] !== null) hi = Math.max(hi, Number(r![`hi${j}`]));
  });
  if (lo > hi) return { lo: 0, hi: 1 };
  if (kind !== 'prediction' && lo >= 0 && hi <= 1)
    return { lo: 0, hi: Math.min(1, Math.max(0.1, Math.ceil(hi * 10 - 1e-9) / 10)) };
  return lo === hi ? { lo: lo - 0.5, hi: hi + 0.5 } : { lo, hi };
}

/** Counts per bin of `score` over the rows where `where` holds, and how many were binned. */
async function histogramSql(
  db: SqlQuery,
  src: SqlSource,
  score: string,
  binner: Binner,
  where: string,
): Promise<{ counts: number[]; n: number }> {
  const rows = await db.rows(
    `SELECT b, count(*) AS n FROM (SELECT ${binSql('s', binner)} AS b FROM (SELECT ${score} AS s FROM ${src.from} WHERE ${where})) ` +
      `WHERE b IS NOT NULL GROUP BY b`,
  );
  const counts = new Array<number>(binner.bins).fill(0);
  let n = 0;
  for (const r of rows) {
    counts[Number(r.b)] = Number(r.n);
    n += Number(r.n);
  }
  return { counts, n };
}

export async function distributionsSql(
  db: SqlQuery,
  src: SqlSource,
  req: DistributionsRequest,
  where: string | null,
): Promise<Distributions> {
  const kind = kindOf(src);
  const scored = src.roles.versions.flatMap((v) => {
    const s = chartScoreSql(src, v.name);
    return s ? [{ name: v.name, s }] : [];
  });
  if (scored.length === 0) {
    const what = kind === 'confidence' ? 'class probabilities' : `a ${kind}`;
    return { kind: null, axis: '', edges: [], versions: [], message: `No version has ${what}.` };
  }
  const range = await sharedRangeSql(
    db,
    src,
    scored.map((v) => v.s),
    kind,
    req.include,
  );
  const binner = new Binner(range.lo, range.hi, req.bins);
  const versions = [];
  for (const { name, s } of scored) {
    const all = await histogramSql(db, src, s, binner, 'TRUE');
    const coh = where ? await histogramSql(db, src, s, binner, where) : null;
    versions.push({
      version: name,
      all: all.counts,
      cohort: coh ? coh.counts : null,
      nAll: all.n,
      nCohort: coh?.n ?? 0,
    });
  }
  return { kind, axis: axisOf(src), edges: Array.from(binner.edges), versions, message: null };
}

export async function densitySql(
  db: SqlQuery,
  src: SqlSource,
  req: DensityRequest,
  where: string,
): Promise<Density> {
  const kind = kindOf(src);
  const has = (n: string) => src.roles.versions.some((v) => v.name === n);
  const sa = has(req.a) ? chartScoreSql(src, req.a) : null;
  const sb = has(req.b) ? chartScoreSql(src, req.b) : null;
  if (!sa || !sb)
    return { kind: null, axis: '', edges: [], counts: [], n: 0, message: 'Needs two scores.' };
  const range = await sharedRangeSql(db, src, [sa, sb], kind, req.include);
  const binner = new Binner(range.lo, range.hi, req.bins);
  const rows = await db.rows(
    `SELECT x, y, count(*) AS n FROM (SELECT ${binSql('a', binner)} AS x, ${binSql('b', binner)} AS y FROM ` +
      `(SELECT ${sa} AS a, ${sb} AS b FROM ${src.from} WHERE ${where}) WHERE a IS NOT NULL AND b IS NOT NULL) ` +
      `WHERE x IS NOT NULL AND y IS NOT NULL GROUP BY x, y`,
  );
  const counts = new Array<number>(req.bins * req.bins).fill(0);
  let n = 0;
  for (const r of rows) {
    counts[Number(r.x) * req.bins + Number(r.y)] = Number(r.n);
    n += Number(r.n);
  }
  return { kind, axis: axisOf(src), edges: Array.from(binner.edges), counts, n, message: null };
}

/** Reliability bins (engine/metrics/calibration's finish) from per-bin count, Σ confidence, hits. */
function finish(bins: number, rows: Record<string, unknown>[], outOfRange: number) {
  const count = new Array<number>(bins).fill(0);
  const sumConf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const r of rows) {
    const b = Number(r.b);
    count[b] = Number(r.n);
    sumConf[b] = Number(r.c);
    hits[b] = Number(r.h);
  }
  let n = 0;
  let gap = 0;
  const meanConfidence = count.map((c, b) => (c > 0 ? sumConf[b]! / c : NaN));
  const accuracy = count.map((c, b) => (c > 0 ? hits[b]! / c : NaN));
  count.forEach((c, b) => {
    n += c;
    if (c > 0) gap += c * Math.abs(accuracy[b]! - meanConfidence[b]!);
  });
  return { n, ece: n > 0 ? gap / n : NaN, count, meanConfidence, accuracy, outOfRange };
}

/**
 * One version's reliability: `conf` in [0, 1] binned by floor(conf·B) capped at B − 1 (binOf),
 * `hit` 1 for a correct / positive row; rows where `usable` fails are skipped, confidences outside
 * [0, 1] counted apart.
 */
async function reliabilitySql(
  db: SqlQuery,
  src: SqlSource,
  conf: string,
  hit: string,
  usable: string,
  bins: number,
  where: string,
) {
  const inner = `SELECT ${conf} AS c, ${hit} AS h FROM ${src.from} WHERE (${where}) AND (${usable})`;
  const rows = await db.rows(
    `SELECT LEAST(${int(bins - 1)}, CAST(floor(c * ${int(bins)}) AS BIGINT)) AS b, count(*) AS n, sum(c) AS c, sum(h) AS h ` +
      `FROM (${inner}) WHERE c >= 0 AND c <= 1 GROUP BY 1`,
  );
  const [o] = await db.rows(`SELECT count(*) AS n FROM (${inner}) WHERE NOT (c >= 0 AND c <= 1)`);
  return finish(bins, rows, Number(o!.n));
}

export async function calibrationSql(
  db: SqlQuery,
  src: SqlSource,
  req: CalibrationRequest,
  where: string,
): Promise<Calibrations> {
  const task = src.roles.task;
  const label = labelCode(src);
  if (task === 'regression' || !label) {
    const message = label ? 'Calibration applies to classifiers.' : 'Needs a label column.';
    return { kind: null, versions: [], message };
  }
  const pos = positiveIndex(src.classes, src.roles.positiveClass);
  const versions = [];
  for (const v of src.roles.versions) {
    let c;
    if (task === 'binary') {
      const s = scoreOf(src, v.name);
      if (!s) continue;
      const hit = `CASE WHEN ${label} = ${int(pos)} THEN 1 ELSE 0 END`;
      c = await reliabilitySql(
        db,
        src,
        s,
        hit,
        `${label} IS NOT NULL AND ${s} IS NOT NULL`,
        req.bins,
        where,
      );
    } else {
      const p = probabilities(src, v);
      if (!p) continue;
      const vals = p.map((x) => nanToNull(`CAST(${x} AS DOUBLE)`));
      const g = `GREATEST(${vals.join(', ')})`;
      // The first class at the maximum (ties to the first), as calibration's strict '>' scan.
      const best = `(CASE ${vals.map((x, j) => `WHEN ${x} = ${g} THEN ${int(j)}`).join(' ')} END)`;
      const usable = `${label} IS NOT NULL AND ${vals.map((x) => `${x} IS NOT NULL`).join(' AND ')}`;
      c = await reliabilitySql(
        db,
        src,
        g,
        `CASE WHEN ${best} = ${label} THEN 1 ELSE 0 END`,
        usable,
        req.bins,
        where,
      );
    }
    versions.push({ version: v.name, ...c });
  }
  const message = versions.length ? null : 'No version has probabilities to calibrate.';
  return { kind: task, versions, message };
}
