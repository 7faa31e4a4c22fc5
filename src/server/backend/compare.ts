// The Compare metrics table in SQL (worker/services/compare/compare.ts): per cohort × version
// accuracy with its Wilson interval, macro-F1, ROC-AUC, MAE/RMSE/R², Δ vs the baseline with
// McNemar's exact test for accuracy, and flips. Bootstrap intervals are drawn inside DuckDB:
// resample r gives row i the weight Poisson(1) drawn from a seeded hash of (row, r), so no row
// leaves the database, a resample is reproducible, and each is one GROUP BY over the data.
import { summaryOfMatrix } from '../../engine/metrics/classification';
import { benjaminiHochberg, mcnemar, wilson } from '../../engine/stats';
import { ProgressiveBootstrap, quantileSorted } from '../../engine/stats/bootstrap';
import type { Statistic } from '../../engine/stats/statistic';
import type {
  CompareRequest,
  CompareResult,
  CompareRow,
  DeltaEstimate,
  Estimate,
  FlipRow,
  MetricKey,
} from '../../protocol';
import { labelCode, labelValue, predCode, scoreOf, yhatOf } from '../sql/roles';
import { ident, int } from '../sql/quote';
import type { SqlQuery, SqlSource } from '../sql/types';
import { ROW } from '../served';
import { aucSql, confusionSql } from './metrics';
import { positiveIndex } from '../../data/classes';

const NONE: Estimate = { value: NaN, lo: NaN, hi: NaN };
/** P(Poisson(1) ≤ k) for k = 0..7; the weight is the first k whose bound exceeds u. */
const POISSON_CDF = [
  0.36787944117144233, 0.7357588823428847, 0.9196986029286058, 0.9810118431238462,
  0.9963401531726563, 0.9994058151824183, 0.9999167588507721, 0.9999897508033513,
];

/** Poisson(1) weight of the row in resample `r`, from a seeded hash (uniform u in [0, 1)). */
export function poissonWeight(seed: number): string {
  const u = `(CAST(hash(${ident(ROW)}, r, ${int(seed >>> 0)}) >> 11 AS DOUBLE) / 9007199254740992.0)`;
  const whens = POISSON_CDF.map((c, k) => `WHEN ${u} < ${c} THEN ${k}`).join(' ');
  return `(CASE ${whens} ELSE 8 END)`;
}

function summarize(reps: number[], nullValue: number) {
  const finite = Float64Array.from(reps.filter((v) => v === v)).sort();
  const m = finite.length;
  let below = 0;
  let above = 0;
  for (const v of finite) {
    if (v <= nullValue) below++;
    if (v >= nullValue) above++;
  }
  const p =
    nullValue === nullValue && m > 0
      ? Math.min(1, (2 * (1 + Math.min(below, above))) / (1 + m))
      : NaN;
  return { lo: quantileSorted(finite, 0.025), hi: quantileSorted(finite, 0.975), p };
}

class Bootstrap {
  constructor(
    private readonly db: SqlQuery,
    private readonly src: SqlSource,
    private readonly B: number,
    private readonly seed: number,
  ) {}

  /** Replicates of mean(x) (or its root), optionally minus mean(y): one value per resample. */
  async means(x: string, y: string | null, where: string, sqrt: boolean): Promise<number[]> {
    const f = (s: string) => (sqrt ? `sqrt(${s})` : s);
    const delta = y ? ` - ${f('sum(w * y) / sum(w)')}` : '';
    const rows = await this.db.rows(
      `SELECT r, ${f('sum(w * x) / sum(w)')}${delta} AS v FROM (SELECT r, x, ${y ? 'y' : '0 AS y'}, ${poissonWeight(this.seed)} AS w ` +
        `FROM (SELECT ${ident(ROW)}, ${x} AS x${y ? `, ${y} AS y` : ''} FROM ${this.src.from} WHERE ${where}) ` +
        `CROSS JOIN range(${int(this.B)}) t(r) WHERE x IS NOT NULL${y ? ' AND y IS NOT NULL' : ''}) GROUP BY r`,
    );
    return this.complete(rows);
  }

  /** Replicates of the weighted Mann–Whitney AUC of `score` (minus that of `base` if given). */
  async auc(pos: string, score: string, base: string | null, where: string): Promise<number[]> {
    const one = (s: string) =>
      `(WITH g AS (SELECT r, ${s} AS s, sum(w * p) AS p, sum(w * (1 - p)) AS q FROM d GROUP BY r, ${s}), ` +
      `c AS (SELECT r, p, q, coalesce(sum(q) OVER (PARTITION BY r ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below FROM g) ` +
      `SELECT r, sum(p * (2 * below + q)) / (2 * sum(p) * sum(q)) AS v FROM c GROUP BY r)`;
    const d =
      `d AS (SELECT r, a, b, p, ${poissonWeight(this.seed)} AS w FROM (SELECT ${ident(ROW)}, ${score} AS a, ${base ?? 'NULL'} AS b, ${pos} AS p ` +
      `FROM ${this.src.from} WHERE ${where}) CROSS JOIN range(${int(this.B)}) t(r) WHERE a IS NOT NULL AND p IS NOT NULL${base ? ' AND b IS NOT NULL' : ''})`;
    const sql = base
      ? `WITH ${d} SELECT x.r, x.v - y.v AS v FROM ${one('a')} x JOIN ${one('b')} y ON x.r = y.r`
      : `WITH ${d} SELECT r, v FROM ${one('a')}`;
    return this.complete(await this.db.rows(sql));
  }

  /** One value per resample, NaN for one where the statistic was undefined. */
  private complete(rows: Record<string, unknown>[]): number[] {
    const out = new Array<number>(this.B).fill(NaN);
    for (const r of rows) out[Number(r.r)] = r.v === null ? NaN : Number(r.v);
    return out;
  }
}

export async function compareSql(
  db: SqlQuery,
  src: SqlSource,
  req: CompareRequest,
  whereOf: (p: CompareRequest['cohorts'][number]['predicate']) => string,
): Promise<CompareResult> {
  const roles = src.roles;
  const names = roles.versions.map((v) => v.name);
  if (names.length === 0) throw new Error('no roles yet');
  const base = names.includes(req.baseline) ? req.baseline : names[0]!;
  const task = roles.task;
  const label = labelCode(src);
  const hasScore = task === 'binary' && names.some((v) => scoreOf(src, v));
  const keys: MetricKey[] =
    task === 'regression'
      ? ['mae', 'rmse', 'r2']
      : ['accuracy', 'macroF1', ...(hasScore ? (['auc'] as MetricKey[]) : [])];
  const boot = new Bootstrap(db, src, req.resamples, req.seed);
  const B = req.resamples;
  const rows: CompareRow[] = [];
  const flipRows: FlipRow[] = [];
  const errors: CompareResult['errors'] = [];
  const cohorts = [{ id: 'all', name: 'All rows', predicate: null }, ...req.cohorts];
  const pos = positiveIndex(src.classes, roles.positiveClass);
  for (const c of cohorts) {
    let where = 'TRUE';
    try {
      if (c.predicate) where = whereOf(c.predicate);
    } catch (err) {
      errors.push({ cohortName: c.name, error: (err as Error).message });
      continue;
    }
    const [s] = await db.rows(`SELECT count(*) AS n FROM ${src.from} WHERE ${where}`);
    const size = Number(s!.n);
    for (const version of names) {
      const isBase = version === base;
      const metrics: CompareRow['metrics'] = {};
      const deltas: CompareRow['deltas'] = {};
      let evaluated = 0;
      // A thunk: with no resamples asked for, the replicate query is not run at all.
      const interval = async (reps: () => Promise<number[]>, nullValue = NaN) =>
        B > 0 ? summarize(await reps(), nullValue) : { lo: NaN, hi: NaN, p: NaN };
      if (task === 'regression') {
        const y = labelValue(src);
        const h = yhatOf(src, version);
        const hb = yhatOf(src, base);
        if (y && h && hb) {
          const [r] = await db.rows(
            `SELECT count(*) AS n, avg(abs(e)) AS mae, sqrt(avg(e * e)) AS rmse, sum(e * e) AS sse, ` +
              `sum((t - m) * (t - m)) AS sst FROM (SELECT e, t, avg(t) OVER () AS m FROM ` +
              `(SELECT ${h} - ${y} AS e, ${y} AS t FROM ${src.from} WHERE ${where}) WHERE e IS NOT NULL)`,
          );
          evaluated = Number(r!.n);
          const sse = Number(r!.sse);
          const sst = Number(r!.sst);
          const r2 = evaluated < 2 ? NaN : sst === 0 ? (sse === 0 ? 1 : 0) : 1 - sse / sst;
          for (const [key, sq] of [
            ['mae', false],
            ['rmse', true],
          ] as const) {
            const err = (v: string) => (sq ? `(${v} - ${y}) * (${v} - ${y})` : `abs(${v} - ${y})`);
            const one = await interval(() => boot.means(err(h), null, where, sq));
            metrics[key] = {
              value: r![key] === null ? NaN : Number(r![key]),
              lo: one.lo,
              hi: one.hi,
            };
            if (!isBase) {
              const [d] = await db.rows(
                `SELECT ${sq ? 'sqrt(avg(x)) - sqrt(avg(y))' : 'avg(x) - avg(y)'} AS v FROM (SELECT ${err(h)} AS x, ${err(hb)} AS y FROM ${src.from} WHERE ${where}) WHERE x IS NOT NULL AND y IS NOT NULL`,
              );
              const iv = await interval(() => boot.means(err(h), err(hb), where, sq), 0);
              deltas[key] = {
                value: Number(d!.v ?? NaN),
                lo: iv.lo,
                hi: iv.hi,
                p: iv.p,
                q: NaN,
                test: 'paired bootstrap',
              };
            }
          }
          metrics.r2 = { ...NONE, value: r2 };
        }
      } else {
        const p = predCode(src, version);
        const pb = predCode(src, base);
        if (label && p && pb) {
          const sm = summaryOfMatrix(
            await confusionSql(db, src, label, p, where),
            src.classes.length,
          );
          evaluated = sm.n;
          const ci = wilson(sm.correct, sm.n);
          metrics.accuracy = { value: sm.accuracy, lo: ci.lo, hi: ci.hi };
          metrics.macroF1 = { ...NONE, value: sm.macroF1 };
          if (!isBase) {
            const ok = (x: string) => `CAST(${x} = ${label} AS INTEGER)`;
            // The four joint outcomes are all the paired statistic needs: the tab's own
            // bootstrap over them (same algorithm, same seed) gives the same interval.
            const [f] = await db.rows(
              `SELECT count(*) FILTER (WHERE a = 1 AND b = 1) AS c0, count(*) FILTER (WHERE a = 1 AND b = 0) AS c1, ` +
                `count(*) FILTER (WHERE a = 0 AND b = 1) AS c2, count(*) FILTER (WHERE a = 0 AND b = 0) AS c3 FROM ` +
                `(SELECT ${ok(pb)} AS a, ${ok(p)} AS b FROM ${src.from} WHERE ${where})`,
            );
            const cats = Float64Array.from([f!.c0, f!.c1, f!.c2, f!.c3], Number);
            const delta = (c: Float64Array) => (c[2]! - c[1]!) / (c[0]! + c[1]! + c[2]! + c[3]!);
            const stat = {
              kind: 'counts',
              categories: cats,
              estimate: delta(cats),
              evaluate: delta,
            };
            const test = mcnemar(cats[1]!, cats[2]!);
            const iv = new ProgressiveBootstrap(stat as unknown as Statistic, {
              seed: req.seed,
              nullValue: 0,
            }).step(Math.max(B, 1000));
            deltas.accuracy = {
              value: stat.estimate,
              lo: iv.lo,
              hi: iv.hi,
              p: test.p,
              q: NaN,
              test: test.exact ? 'McNemar (exact)' : 'McNemar (χ², continuity-corrected)',
            };
          }
        }
        const sc = scoreOf(src, version);
        const sb = scoreOf(src, base);
        if (keys.includes('auc') && label && sc && sb) {
          const l01 = `(CASE WHEN ${label} = ${int(pos)} THEN 1 WHEN ${label} IS NOT NULL THEN 0 END)`;
          const auc = await aucSql(db, src, label, sc, where);
          const one = await interval(() => boot.auc(l01, sc, null, where));
          metrics.auc = { value: auc ?? NaN, lo: one.lo, hi: one.hi };
          if (!isBase) {
            // Δ is the difference of the two estimates shown, each over its version's scored
            // rows, as the tab's points pass defines it (src/worker/services/compare/points.ts).
            const a1 = auc;
            const a0 = await aucSql(db, src, label, sb, where);
            const iv = await interval(() => boot.auc(l01, sc, sb, where), 0);
            deltas.auc = {
              value: (a1 ?? NaN) - (a0 ?? NaN),
              lo: iv.lo,
              hi: iv.hi,
              p: iv.p,
              q: NaN,
              test: 'paired bootstrap',
            };
          }
        }
        if (!isBase && label && p && pb) {
          const [f] = await db.rows(
            `SELECT count(*) AS n, count(*) FILTER (WHERE a = l AND b <> l) AS c2w, count(*) FILTER (WHERE a <> l AND b = l) AS w2c, ` +
              `count(*) FILTER (WHERE a <> b) AS ch FROM (SELECT ${label} AS l, ${pb} AS a, ${p} AS b FROM ${src.from} WHERE ${where}) ` +
              `WHERE l IS NOT NULL AND a IS NOT NULL AND b IS NOT NULL`,
          );
          const n = Number(f!.n);
          flipRows.push({
            cohortId: c.id,
            cohortName: c.name,
            version,
            evaluated: n,
            correctToWrong: Number(f!.c2w),
            wrongToCorrect: Number(f!.w2c),
            changed: Number(f!.ch),
            negativeFlipRate: n ? Number(f!.c2w) / n : NaN,
            positiveFlipRate: n ? Number(f!.w2c) / n : NaN,
          });
        }
      }
      rows.push({
        cohortId: c.id,
        cohortName: c.name,
        size,
        version,
        baseline: isBase,
        evaluated,
        metrics,
        deltas,
      });
    }
  }
  for (const key of keys) {
    const cells = rows.map((r) => r.deltas[key]).filter((x): x is DeltaEstimate => !!x);
    const { q } = benjaminiHochberg(cells.map((c) => c.p));
    cells.forEach((c, i) => (c.q = q[i]!));
  }
  const methods = [
    'Accuracy: 95% Wilson interval; Δ accuracy: McNemar test (exact binomial below 25 discordant rows), interval by paired bootstrap.',
    B > 0
      ? `Other metrics: percentile intervals and paired-bootstrap p-values from ${B} resamples drawn in DuckDB (Poisson(1) row weights from a seeded hash of row and resample).`
      : 'Other metrics: intervals are being computed (bootstrap).',
    'q: Benjamini–Hochberg adjustment over all cohort × version tests of each metric (false discovery rate 5%).',
    'Server mode: PR-AUC, log loss and Brier are not computed yet.',
  ];
  return {
    task,
    baseline: base,
    metricKeys: keys,
    rows,
    flips: flipRows,
    resamples: B,
    methods,
    errors,
  };
}
