import type { EvalArrays } from '../../../data/prepare';
import { classificationSummary, regressionSummary } from '../../../engine/metrics';
import { flips } from '../../../engine/compare';
import {
  ProgressiveBootstrap,
  benjaminiHochberg,
  mcnemar,
  meanStatistic,
  pairedMeanStatistic,
  pairedProportionStatistic,
  pairedRankStatistic,
  rankStatistic,
  rowsFromMask,
  wilson,
  type Statistic,
} from '../../../engine/stats';
import type { OpenDataset } from '../../session/dataset';
import { breathe } from '../../session/yieldEvery';
import { perRowOf } from './perRow';
import { labels01Of } from './chartScores';
import type {
  CompareRequest,
  CompareResult,
  CompareRow,
  DeltaEstimate,
  Estimate,
  FlipRow,
  MetricKey,
} from '../../../protocol';

const NONE: Estimate = { value: NaN, lo: NaN, hi: NaN };

/** A bootstrap interval drawn one resample at a time, giving way to other requests meanwhile. */
async function interval(stat: Statistic, resamples: number, seed: number, paired: boolean) {
  const b = new ProgressiveBootstrap(stat, { seed, ...(paired ? { nullValue: 0 } : {}) });
  for (let r = 0; r < resamples; r++) {
    b.advance(1);
    await breathe();
  }
  return b.current();
}

function metricKeys(ev: EvalArrays): MetricKey[] {
  if (ev.task === 'regression') return ['mae', 'rmse', 'r2'];
  const keys: MetricKey[] = ['accuracy', 'macroF1'];
  if (ev.task === 'binary' && ev.versions.some((v) => v.score)) keys.push('auc', 'ap');
  if (ev.versions.some((v) => v.score || v.probs)) keys.push('logLoss', 'brier');
  return keys;
}

/** One cohort × version: point estimates, intervals, and the paired difference to the baseline. */
async function estimate(
  ev: EvalArrays,
  version: string,
  base: string,
  mask: Uint8Array | null,
  req: CompareRequest,
  keys: MetricKey[],
) {
  const rows = mask ? rowsFromMask(mask) : undefined;
  const m = mask ?? undefined;
  const v = ev.versions.find((x) => x.name === version)!;
  const b = ev.versions.find((x) => x.name === base)!;
  const pr = perRowOf(ev, version);
  const pb = perRowOf(ev, base);
  const isBase = version === base;
  const B = req.resamples;
  const metrics: Partial<Record<MetricKey, Estimate>> = {};
  const deltas: Partial<Record<MetricKey, DeltaEstimate>> = {};
  let evaluated = 0;
  const boot = async (key: MetricKey, stat: Statistic, pairedStat: Statistic | null) => {
    const one = B > 0 ? await interval(stat, B, req.seed, false) : null;
    metrics[key] = { value: stat.estimate, lo: one?.lo ?? NaN, hi: one?.hi ?? NaN };
    if (pairedStat && !isBase) {
      const d = B > 0 ? await interval(pairedStat, B, req.seed, true) : null;
      deltas[key] = {
        value: pairedStat.estimate,
        lo: d?.lo ?? NaN,
        hi: d?.hi ?? NaN,
        p: d?.p ?? NaN,
        q: NaN,
        test: 'paired bootstrap',
      };
    }
  };
  if (ev.task === 'regression') {
    if (ev.y && v.yhat && pr.absErr && pr.sqErr && pb.absErr && pb.sqErr) {
      const r = regressionSummary(ev.y, v.yhat, m);
      evaluated = r.n;
      await boot(
        'mae',
        meanStatistic(pr.absErr, rows),
        pairedMeanStatistic(pb.absErr, pr.absErr, rows),
      );
      await boot(
        'rmse',
        meanStatistic(pr.sqErr, rows, { sqrt: true }),
        pairedMeanStatistic(pb.sqErr, pr.sqErr, rows, { sqrt: true }),
      );
      metrics.r2 = { ...NONE, value: r.r2 };
    }
    return { evaluated, metrics, deltas };
  }
  if (ev.label && v.pred && pr.correct && pb.correct) {
    const s = classificationSummary(ev.label, v.pred, ev.classes.length, m);
    evaluated = s.n;
    const ci = wilson(s.correct, s.n);
    metrics.accuracy = { value: s.accuracy, lo: ci.lo, hi: ci.hi };
    metrics.macroF1 = { ...NONE, value: s.macroF1 };
    if (!isBase) {
      const paired = pairedProportionStatistic(pb.correct, pr.correct, rows);
      const [, c2w, w2c] = paired.categories as unknown as [number, number, number, number];
      const test = mcnemar(c2w, w2c);
      const d = await interval(paired, Math.max(B, 1000), req.seed, true);
      deltas.accuracy = {
        value: paired.estimate,
        lo: d.lo,
        hi: d.hi,
        p: test.p,
        q: NaN,
        test: test.exact ? 'McNemar (exact)' : 'McNemar (χ², continuity-corrected)',
      };
    }
  }
  const bin = labels01Of(ev);
  if (keys.includes('auc') && bin && v.score && b.score) {
    await boot(
      'auc',
      rankStatistic('auc', bin, v.score, rows),
      pairedRankStatistic('auc', bin, b.score, v.score, rows),
    );
    await boot(
      'ap',
      rankStatistic('ap', bin, v.score, rows),
      pairedRankStatistic('ap', bin, b.score, v.score, rows),
    );
  }
  if (pr.logLoss && pb.logLoss)
    await boot(
      'logLoss',
      meanStatistic(pr.logLoss, rows),
      pairedMeanStatistic(pb.logLoss, pr.logLoss, rows),
    );
  if (pr.brier && pb.brier)
    await boot(
      'brier',
      meanStatistic(pr.brier, rows),
      pairedMeanStatistic(pb.brier, pr.brier, rows),
    );
  return { evaluated, metrics, deltas };
}

function flipRow(ev: EvalArrays, base: string, version: string, mask: Uint8Array | null) {
  const a = ev.versions.find((x) => x.name === base)?.pred;
  const b = ev.versions.find((x) => x.name === version)?.pred;
  if (!ev.label || !a || !b) return null;
  const f = flips(ev.label, a, b, mask ?? undefined);
  return {
    evaluated: f.evaluated,
    correctToWrong: f.correctToWrong,
    wrongToCorrect: f.wrongToCorrect,
    changed: f.changed,
    negativeFlipRate: f.negativeFlipRate,
    positiveFlipRate: f.positiveFlipRate,
  };
}

/** Every cohort × version: metrics with intervals, Δ vs the baseline with paired tests, flips. */
export async function compareVersions(d: OpenDataset, req: CompareRequest): Promise<CompareResult> {
  const ev = d.ev;
  if (!ev) throw new Error('no roles yet');
  const names = ev.versions.map((v) => v.name);
  const base = names.includes(req.baseline) ? req.baseline : names[0]!;
  const keys = metricKeys(ev);
  const rows: CompareRow[] = [];
  const flipRows: FlipRow[] = [];
  const errors: CompareResult['errors'] = [];
  const cohorts = [{ id: 'all', name: 'All rows', predicate: null }, ...req.cohorts];
  for (const c of cohorts) {
    let mask: Uint8Array | null;
    try {
      mask = d.maskOf(c.predicate);
    } catch (err) {
      errors.push({ cohortName: c.name, error: (err as Error).message });
      continue;
    }
    let size = d.n;
    if (mask) size = mask.reduce((s, x) => s + x, 0);
    for (const version of names) {
      const e = await estimate(ev, version, base, mask, req, keys);
      rows.push({
        cohortId: c.id,
        cohortName: c.name,
        size,
        version,
        baseline: version === base,
        ...e,
      });
      const f = version === base ? null : flipRow(ev, base, version, mask);
      if (f) flipRows.push({ cohortId: c.id, cohortName: c.name, version, ...f });
    }
  }
  // Benjamini–Hochberg over all cohort × version differences of each metric.
  for (const key of keys) {
    const cells = rows.map((r) => r.deltas[key]).filter((x): x is DeltaEstimate => !!x);
    const { q } = benjaminiHochberg(cells.map((c) => c.p));
    cells.forEach((c, i) => (c.q = q[i]!));
  }
  const methods = [
    'Accuracy: 95% Wilson interval; Δ accuracy: McNemar test (exact binomial below 25 discordant rows), interval by paired bootstrap.',
    req.resamples > 0
      ? `Other metrics: percentile intervals and paired-bootstrap p-values from ${req.resamples} seeded resamples.`
      : 'Other metrics: intervals are being computed (bootstrap).',
    'q: Benjamini–Hochberg adjustment over all cohort × version tests of each metric (false discovery rate 5%).',
  ];
  return {
    task: ev.task,
    baseline: base,
    metricKeys: keys,
    rows,
    flips: flipRows,
    resamples: req.resamples,
    methods,
    errors,
  };
}
