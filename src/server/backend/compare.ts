// The Compare metrics table in SQL (worker/services/compare/compare.ts): per cohort × version
// accuracy with its Wilson interval, macro-F1, ROC-AUC, MAE/RMSE/R², Δ vs the baseline with
// McNemar's exact test for accuracy, and flips. Bootstrap intervals are drawn inside DuckDB:
// resample r gives row i the weight Poisson(1) drawn from a seeded hash of (row, r), so no row
// leaves the database, a resample is reproducible, and each is one GROUP BY over the data.
import { summaryOfMatrix } from '../../engine/metrics/classification';
import { benjaminiHochberg, mcnemar, wilson } from '../../engine/stats';
import { ProgressiveBootstrap, percentileInterval } from '../../engine/stats/bootstrap';
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
import { poissonWeighted } from '../sql/poisson';
import { type LossSql, lossMeansSql, lossesSql } from '../sql/losses';
import { aucOf, cohortPass } from './pass';
import { positiveIndex } from '../../data/classes';

const NONE: Estimate = { value: NaN, lo: NaN, hi: NaN };

/**
 * Bootstrap replicates drawn in DuckDB with the tab's Poisson(1) row weights (sql/poisson.ts):
 * one GROUP BY resample per statistic, each over the statistic's own usable rows, as the tab's
 * poissonReplicates. A version's and the baseline's replicates of one resample share their row
 * weights, so their difference is the paired bootstrap of the difference (computed here, as the
 * tab's intervals.ts does). Replicates are kept per query, so the baseline's are drawn once.
 */
class Bootstrap {
  private readonly memo = new Map<string, Promise<Float64Array>>();
  private readonly rankMemo = new Map<string, Promise<{ auc: Float64Array; ap: Float64Array }>>();

  constructor(
    private readonly db: SqlQuery,
    private readonly src: SqlSource,
    private readonly B: number,
    private readonly seed: number,
  ) {}

  private weighted(select: string, where: string, cols: string[]): string {
    const inner = `SELECT ${ident(ROW)}, ${select} FROM ${this.src.from} WHERE ${where}`;
    return poissonWeighted(inner, ROW, cols, this.B, this.seed);
  }

  private cached(sql: string): Promise<Float64Array> {
    let hit = this.memo.get(sql);
    if (!hit) this.memo.set(sql, (hit = this.db.rows(sql).then((rows) => this.complete(rows))));
    return hit;
  }

  /** Replicates of mean(x) (its root when `sqrt`) over the rows where x is present. */
  async means(x: string, where: string, sqrt: boolean): Promise<Float64Array> {
    const w = this.weighted(`${x} AS x`, `(${where}) AND (${x}) IS NOT NULL`, ['x']);
    const reps = await this.cached(`SELECT r, sum(w * x) / sum(w) AS v FROM ${w} GROUP BY r`);
    return sqrt ? reps.map(Math.sqrt) : reps;
  }

  /**
   * Replicates of the weighted Mann–Whitney AUC (ties ½) and average precision of `score`, as
   * the tab's rankPass computes both from one pass per tie group; `ones` gives the estimates
   * (every weight 1, one "resample").
   */
  ranked(pos: string, score: string, where: string, ones = false) {
    const select = `${score} AS s, ${pos} AS p`;
    const usable = `(${where}) AND (${score}) IS NOT NULL AND (${pos}) IS NOT NULL`;
    const d = ones
      ? `(SELECT 0 AS r, 1 AS w, s, p FROM (SELECT ${select} FROM ${this.src.from} WHERE ${usable}))`
      : this.weighted(select, usable, ['s', 'p']);
    const sql =
      `WITH g AS (SELECT r, s, sum(w * p) AS p, sum(w * (1 - p)) AS q FROM ${d} GROUP BY r, s), ` +
      `c AS (SELECT r, p, q, coalesce(sum(q) OVER (PARTITION BY r ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below, ` +
      `sum(p + q) OVER (PARTITION BY r ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS top, ` +
      `sum(p) OVER (PARTITION BY r ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS pa FROM g) ` +
      `SELECT r, CASE WHEN sum(p) > 0 AND sum(q) > 0 THEN sum(p * (2 * below + q)) / (2 * sum(p) * sum(q)) END AS v, ` +
      `CASE WHEN sum(p) > 0 THEN sum(CASE WHEN p > 0 THEN p * pa / top ELSE 0 END) / sum(p) END AS ap FROM c GROUP BY r`;
    let hit = this.rankMemo.get(sql);
    if (!hit) {
      const B = ones ? 1 : this.B;
      hit = this.db.rows(sql).then((rows) => {
        const auc = new Float64Array(B).fill(NaN);
        const ap = new Float64Array(B).fill(NaN);
        for (const r of rows) {
          auc[Number(r.r)] = r.v === null ? NaN : Number(r.v);
          ap[Number(r.r)] = r.ap === null ? NaN : Number(r.ap);
        }
        return { auc, ap };
      });
      this.rankMemo.set(sql, hit);
    }
    return hit;
  }

  /** One value per resample, NaN for one where the statistic was undefined. */
  private complete(rows: Record<string, unknown>[]): Float64Array {
    const out = new Float64Array(this.B).fill(NaN);
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
      : ['accuracy', 'macroF1', ...(hasScore ? (['auc', 'ap'] as MetricKey[]) : [])];
  if (task !== 'regression' && names.some((v) => lossesSql(src, v))) keys.push('logLoss', 'brier');
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
    // Classification: the size, every version's matrix, joint outcomes with the baseline, flips
    // and rank sums from one scan (pass.ts); regression: a count and a sum query per version.
    const pass =
      task === 'regression'
        ? null
        : await cohortPass(db, src, where, { base, ranks: keys.includes('auc') });
    const size = pass
      ? pass.size
      : Number((await db.rows(`SELECT count(*) AS n FROM ${src.from} WHERE ${where}`))[0]!.n);
    const passOf = (v: string) => pass!.versions.find((x) => x.name === v)!;
    // A binary version's loss means come with the pass; others' from one scan each, kept so the
    // baseline's are not read again beside every other version.
    const lossMeans = new Map<string, Promise<{ logLoss: number; brier: number }>>();
    const lossOf = (v: string, sql: LossSql) => {
      const fromPass = pass?.versions.find((x) => x.name === v)?.loss;
      if (fromPass) return Promise.resolve(fromPass);
      let hit = lossMeans.get(v);
      if (!hit) lossMeans.set(v, (hit = lossMeansSql(db, src, sql, where)));
      return hit;
    };
    const points = new Map<string, Promise<Record<string, unknown>>>();
    /** A regression version's n, MAE, RMSE and R² sums over the cohort (kept for its Δ). */
    const regressionPoint = (h: string) => {
      const y = labelValue(src)!;
      let hit = points.get(h);
      if (!hit)
        points.set(
          h,
          (hit = db
            .rows(
              `SELECT count(*) AS n, avg(abs(e)) AS mae, sqrt(avg(e * e)) AS rmse, sum(e * e) AS sse, ` +
                `sum((t - m) * (t - m)) AS sst FROM (SELECT e, t, avg(t) OVER () AS m FROM ` +
                `(SELECT ${h} - ${y} AS e, ${y} AS t FROM ${src.from} WHERE ${where}) WHERE e IS NOT NULL)`,
            )
            .then((rows) => rows[0]!)),
        );
      return hit;
    };
    for (const version of names) {
      const isBase = version === base;
      const metrics: CompareRow['metrics'] = {};
      const deltas: CompareRow['deltas'] = {};
      let evaluated = 0;
      // Thunks: with no resamples asked for, the replicate queries are not run at all.
      const interval = async (reps: () => Promise<Float64Array>) =>
        B > 0 ? percentileInterval(await reps(), NaN) : { lo: NaN, hi: NaN, p: NaN };
      const paired = async (
        mine: () => Promise<Float64Array>,
        theirs: () => Promise<Float64Array>,
      ) => {
        if (B === 0) return { lo: NaN, hi: NaN, p: NaN };
        const [m, t] = await Promise.all([mine(), theirs()]);
        return percentileInterval(
          m.map((x, r) => x - t[r]!),
          NaN,
          { nullValue: 0 },
        );
      };
      if (task === 'regression') {
        const y = labelValue(src);
        const h = yhatOf(src, version);
        const hb = yhatOf(src, base);
        if (y && h && hb) {
          const r = await regressionPoint(h);
          evaluated = Number(r.n);
          const sse = Number(r.sse);
          const sst = Number(r.sst);
          const r2 = evaluated < 2 ? NaN : sst === 0 ? (sse === 0 ? 1 : 0) : 1 - sse / sst;
          for (const [key, sq] of [
            ['mae', false],
            ['rmse', true],
          ] as const) {
            const err = (v: string) => (sq ? `(${v} - ${y}) * (${v} - ${y})` : `abs(${v} - ${y})`);
            const one = await interval(() => boot.means(err(h), where, sq));
            const value = r[key] === null ? NaN : Number(r[key]);
            metrics[key] = { value, lo: one.lo, hi: one.hi };
            if (!isBase) {
              // Δ is the difference of the two values shown, each over its version's rows, as
              // the tab's points pass defines it; its interval pairs the two replicates.
              const rb = await regressionPoint(hb);
              const iv = await paired(
                () => boot.means(err(h), where, sq),
                () => boot.means(err(hb), where, sq),
              );
              deltas[key] = {
                value: value - (rb[key] === null ? NaN : Number(rb[key])),
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
        const mine = passOf(version);
        if (label && p && pb && mine.matrix) {
          const sm = summaryOfMatrix(mine.matrix, src.classes.length);
          evaluated = sm.n;
          const ci = wilson(sm.correct, sm.n);
          metrics.accuracy = { value: sm.accuracy, lo: ci.lo, hi: ci.hi };
          metrics.macroF1 = { ...NONE, value: sm.macroF1 };
          if (!isBase && mine.joint) {
            // The four joint outcomes are all the paired statistic needs: the tab's own
            // bootstrap over them (same algorithm, same seed) gives the same interval.
            const j = mine.joint;
            const cats = Float64Array.from([j.bothRight, j.baseOnly, j.mineOnly, j.bothWrong]);
            const delta = (c: Float64Array) => (c[2]! - c[1]!) / (c[0]! + c[1]! + c[2]! + c[3]!);
            const stat = {
              kind: 'counts',
              categories: cats,
              estimate: delta(cats),
              evaluate: delta,
            };
            const test = mcnemar(cats[1]!, cats[2]!);
            // With the other intervals only, as the tab's (worker/services/compare/points.ts).
            const iv =
              B > 0
                ? new ProgressiveBootstrap(stat as unknown as Statistic, {
                    seed: req.seed,
                    nullValue: 0,
                  }).step(Math.max(B, 1000))
                : { lo: NaN, hi: NaN };
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
          const auc = aucOf(passOf(version));
          const ap = passOf(version).rank?.ap ?? NaN;
          for (const key of ['auc', 'ap'] as const) {
            const reps = (s: string) => boot.ranked(l01, s, where).then((r) => r[key]);
            const value = key === 'auc' ? (auc ?? NaN) : ap;
            const one = await interval(() => reps(sc));
            metrics[key] = { value, lo: one.lo, hi: one.hi };
            if (isBase) continue;
            // Δ is the difference of the two estimates shown, each over its version's scored
            // rows, as the tab's points pass defines it (src/worker/services/compare/points.ts).
            const theirs =
              key === 'auc' ? (aucOf(passOf(base)) ?? NaN) : (passOf(base).rank?.ap ?? NaN);
            const iv = await paired(
              () => reps(sc),
              () => reps(sb),
            );
            deltas[key] = {
              value: value - theirs,
              lo: iv.lo,
              hi: iv.hi,
              p: iv.p,
              q: NaN,
              test: 'paired bootstrap',
            };
          }
        }
        const loss = keys.includes('logLoss') ? lossesSql(src, version) : null;
        if (loss) {
          // Means of per-row terms (sql/losses.ts): intervals from the same Poisson replicates
          // as MAE; Δ pairs the baseline's replicates when it has the metric too.
          const baseLoss = isBase ? null : lossesSql(src, base);
          const value = await lossOf(version, loss);
          const theirs = baseLoss ? await lossOf(base, baseLoss) : null;
          for (const key of ['logLoss', 'brier'] as const) {
            const one = await interval(() => boot.means(loss[key], where, false));
            metrics[key] = { value: value[key], lo: one.lo, hi: one.hi };
            if (!baseLoss || !theirs) continue;
            const iv = await paired(
              () => boot.means(loss[key], where, false),
              () => boot.means(baseLoss[key], where, false),
            );
            const d = { value: value[key] - theirs[key], lo: iv.lo, hi: iv.hi, p: iv.p };
            deltas[key] = { ...d, q: NaN, test: 'paired bootstrap' };
          }
        }
        const f = passOf(version).flips;
        if (!isBase && label && p && pb && f) {
          const n = f.n;
          flipRows.push({
            cohortId: c.id,
            cohortName: c.name,
            version,
            evaluated: n,
            correctToWrong: f.correctToWrong,
            wrongToCorrect: f.wrongToCorrect,
            changed: f.changed,
            negativeFlipRate: n ? f.correctToWrong / n : NaN,
            positiveFlipRate: n ? f.wrongToCorrect / n : NaN,
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
      ? `Other metrics: percentile intervals and paired-bootstrap p-values from ${B} resamples drawn in DuckDB with the tab's Poisson(1) row weights (the same hash of seed, resample and row: the same intervals as in the tab).`
      : 'Other metrics: intervals are being computed (bootstrap).',
    'q: Benjamini–Hochberg adjustment over all cohort × version tests of each metric (false discovery rate 5%).',
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
