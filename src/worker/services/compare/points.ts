// Compare's first pass: point estimates of every metric for one cohort × version, in linear time
// over typed arrays (no resampling, no sort: AUC and AP walk each version's sorted-score index,
// built once per score column). Intervals come later from ./intervals.
import type { EvalArrays } from '../../../data/prepare';
import { classificationSummary, regressionSummary, summaryOfMatrix } from '../../../engine/metrics';
import { rankedScore, statsAt, thresholdCounts } from '../../../engine/compare/scoreIndex';
import type { RankedScore } from '../../../engine/stats/poissonPasses';
import { derivedFrom } from '../../session/thresholds';
import {
  ProgressiveBootstrap,
  mcnemar,
  pairedProportionFromCounts,
  wilson,
} from '../../../engine/stats';
import type { FlipCounts } from '../../../engine/compare/flips';
import { rankEstimate } from '../../../engine/stats/poissonBootstrap';
import type { DeltaEstimate, Estimate, MetricKey } from '../../../protocol';
import { labels01Of } from './chartScores';
import { perRowOf } from './perRow';
import { span, traceStart } from '../../../shared/trace';

const NONE: Estimate = { value: NaN, lo: NaN, hi: NaN };

export function metricKeys(ev: EvalArrays): MetricKey[] {
  if (ev.task === 'regression') return ['mae', 'rmse', 'r2'];
  const keys: MetricKey[] = ['accuracy', 'macroF1'];
  if (ev.task === 'binary' && ev.versions.some((v) => v.score)) keys.push('auc', 'ap');
  if (ev.versions.some((v) => v.score || v.probs)) keys.push('logLoss', 'brier');
  return keys;
}

// Means per (values, cohort mask): the per-row losses are kept per score column, so a threshold
// edit (new predictions, same scores) finds the log loss and Brier of a million rows here.
const means = new WeakMap<Float64Array, WeakMap<object, number>>();
const ALL_ROWS = {};

/** Mean of the non-NaN values over the mask (sqrt for RMSE). */
function meanOver(values: Float64Array | null, mask: Uint8Array | null, sqrt = false): number {
  if (!values) return NaN;
  let byMask = means.get(values);
  if (!byMask) means.set(values, (byMask = new WeakMap()));
  let mean = byMask.get(mask ?? ALL_ROWS);
  if (mean === undefined) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      if (mask && mask[i] !== 1) continue;
      const v = values[i]!;
      if (v === v) {
        s += v;
        n++;
      }
    }
    mean = s / n;
    byMask.set(mask ?? ALL_ROWS, mean);
  }
  return sqrt ? Math.sqrt(mean) : mean;
}

// Summaries per (labels, predictions, cohort mask): a threshold edit of one version gives it a new
// prediction array and leaves the others' (session/thresholds.ts), so only that version's
// confusion counts are taken again.
const summaries = new WeakMap<Int32Array, WeakMap<Int32Array, WeakMap<object, Summary>>>();
type Summary = ReturnType<typeof classificationSummary>;

function summaryOf(
  ev: EvalArrays,
  label: Int32Array,
  pred: Int32Array,
  mask: Uint8Array | null,
): Summary {
  let byPred = summaries.get(label);
  if (!byPred) summaries.set(label, (byPred = new WeakMap()));
  let byMask = byPred.get(pred);
  if (!byMask) byPred.set(pred, (byMask = new WeakMap()));
  let s = byMask.get(mask ?? ALL_ROWS);
  if (!s) byMask.set(mask ?? ALL_ROWS, (s = summaryNow(ev, label, pred, mask)));
  return s;
}

/**
 * A version whose predictions are its score at the user's threshold: its 2×2 confusion counts
 * are the score index's counts at that threshold (a binary search; the rows with a label and a
 * score, as confusionMatrix counts those with a label and a prediction). Else one pass.
 */
function summaryNow(ev: EvalArrays, label: Int32Array, pred: Int32Array, mask: Uint8Array | null) {
  const k = ev.classes.length;
  const from = derivedFrom(pred);
  const bin = labels01Of(ev);
  // All rows only: their counts are kept across edits (the operating points use them); a cohort's
  // mask is new with every analysis, and its counts in score order cost more than this pass.
  if (mask || !from || !bin || k !== 2 || from.positive !== ev.positive)
    return classificationSummary(label, pred, k, mask ?? undefined);
  const c = statsAt(thresholdCounts(bin, from.score), from.t);
  const p = ev.positive;
  const q = 1 - p;
  const cm = new Float64Array(4);
  cm[p * 2 + p] = c.tp;
  cm[p * 2 + q] = c.fn;
  cm[q * 2 + p] = c.fp;
  cm[q * 2 + q] = c.tn;
  return summaryOfMatrix(cm, k);
}

// AUC and AP per ranking (kept per score, labels and cohort): they do not move with thresholds.
const ranks = new WeakMap<RankedScore, { auc: number; ap: number }>();
function rankOf(r: RankedScore): { auc: number; ap: number } {
  let hit = ranks.get(r);
  if (!hit) ranks.set(r, (hit = rankEstimate(r)));
  return hit;
}

export interface VersionPoints {
  evaluated: number;
  metrics: Partial<Record<MetricKey, Estimate>>;
  deltas: Partial<Record<MetricKey, DeltaEstimate>>;
  /** Δ accuracy's four joint counts against the baseline: its interval comes with the others. */
  accuracyPair?: Float64Array;
}

/** The metric values of one version over the cohort (the bootstrap's estimates). */
function values(ev: EvalArrays, version: string, mask: Uint8Array | null, keys: MetricKey[]) {
  const v = ev.versions.find((x) => x.name === version)!;
  const pr = perRowOf(ev, version);
  const out: Partial<Record<MetricKey, number>> = {};
  let evaluated = 0;
  let r2 = NaN;
  let macroF1 = NaN;
  let accuracy = NaN;
  let correct = 0;
  if (ev.task === 'regression') {
    if (ev.y && v.yhat) {
      const r = regressionSummary(ev.y, v.yhat, mask ?? undefined);
      evaluated = r.n;
      r2 = r.r2;
      out.mae = meanOver(pr.absErr, mask);
      out.rmse = meanOver(pr.sqErr, mask, true);
    }
  } else if (ev.label && v.pred) {
    const s = summaryOf(ev, ev.label, v.pred, mask);
    evaluated = s.n;
    accuracy = s.accuracy;
    correct = s.correct;
    macroF1 = s.macroF1;
  }
  const bin = labels01Of(ev);
  if (keys.includes('auc') && bin && v.score) {
    const r = rankOf(rankedScore(bin, v.score, mask ?? undefined));
    out.auc = r.auc;
    out.ap = r.ap;
  }
  if (keys.includes('logLoss') && pr.logLoss && pr.brier) {
    out.logLoss = meanOver(pr.logLoss, mask);
    out.brier = meanOver(pr.brier, mask);
  }
  return { evaluated, out, r2, macroF1, accuracy, correct };
}

/**
 * Point estimates of every version over one cohort, with Δ to the baseline. Accuracy gets its
 * Wilson interval and Δ accuracy McNemar's test (both cost nothing at any size); the other
 * intervals, Δ accuracy's too, are NaN until the bootstrap pass. `pairs` holds each
 * version's flips against the baseline over the cohort (compare.ts counts them for the Flips
 * table): their four joint outcomes are McNemar's counts.
 */
export function cohortPoints(
  ev: EvalArrays,
  names: string[],
  base: string,
  mask: Uint8Array | null,
  keys: MetricKey[],
  pairs: Map<string, FlipCounts | null>,
): Map<string, VersionPoints> {
  const byVersion = new Map(names.map((name) => [name, values(ev, name, mask, keys)]));
  const b = byVersion.get(base)!;
  const out = new Map<string, VersionPoints>();
  for (const name of names) {
    const x = byVersion.get(name)!;
    const metrics: VersionPoints['metrics'] = {};
    const deltas: VersionPoints['deltas'] = {};
    for (const k of keys) {
      if (k === 'accuracy' || k === 'macroF1' || k === 'r2') continue;
      const value = x.out[k];
      if (value === undefined) continue;
      metrics[k] = { ...NONE, value };
      const bv = b.out[k];
      if (name !== base && bv !== undefined)
        deltas[k] = {
          value: value - bv,
          lo: NaN,
          hi: NaN,
          p: NaN,
          q: NaN,
          test: 'paired bootstrap',
        };
    }
    if (ev.task === 'regression') {
      if (x.evaluated > 0) metrics.r2 = { ...NONE, value: x.r2 };
    } else if (x.evaluated > 0) {
      const ci = wilson(x.correct, x.evaluated);
      metrics.accuracy = { value: x.accuracy, lo: ci.lo, hi: ci.hi };
      metrics.macroF1 = { ...NONE, value: x.macroF1 };
      const pair = pairs.get(name);
      if (name !== base && pair) {
        const counts = jointCounts(pair);
        deltas.accuracy = accuracyDelta(counts);
        out.set(name, { evaluated: x.evaluated, metrics, deltas, accuracyPair: counts });
        continue;
      }
    }
    out.set(name, { evaluated: x.evaluated, metrics, deltas });
  }
  return out;
}

/**
 * [A right B right, A right B wrong, A wrong B right, both wrong] over the rows both predict and
 * that have a label: the rows and order of stats/pairedProportionStatistic.
 */
function jointCounts(f: FlipCounts): Float64Array {
  return Float64Array.of(
    f.bothCorrect,
    f.correctToWrong,
    f.wrongToCorrect,
    f.bothWrongSame + f.bothWrongDifferent,
  );
}

/**
 * Δ accuracy and McNemar's test on the discordant pairs (exact below 25); its interval is NaN
 * here and comes with the bootstrap intervals (accuracyInterval, filled by intervals.ts): its
 * 1000 multinomial draws cost 6 ms quiet and up to 200 ms on a loaded machine, the largest part
 * of the points after a threshold edit (issue 15).
 */
function accuracyDelta(counts: Float64Array): DeltaEstimate {
  const paired = pairedProportionFromCounts(counts);
  const [, c2w, w2c] = paired.categories as unknown as [number, number, number, number];
  const test = mcnemar(c2w, w2c);
  return {
    value: paired.estimate,
    lo: NaN,
    hi: NaN,
    p: test.p,
    q: NaN,
    test: test.exact ? 'McNemar (exact)' : 'McNemar (χ², continuity-corrected)',
  };
}

// Kept by the four counts and seed (a few dozen numbers): a threshold set again, or another
// cohort with the same counts, costs a lookup.
const accuracyIntervals = new Map<string, { lo: number; hi: number }>();
const KEPT_INTERVALS = 256;

/** Δ accuracy's paired-bootstrap interval from its four joint counts (time independent of n). */
export function accuracyInterval(counts: Float64Array, seed: number): { lo: number; hi: number } {
  const key = `${seed}:${counts.join(',')}`;
  const hit = accuracyIntervals.get(key);
  if (hit) return hit;
  const t = traceStart();
  // Multinomial draws of four counts.
  const d = new ProgressiveBootstrap(pairedProportionFromCounts(counts), {
    seed,
    nullValue: 0,
  }).step(1000);
  span('points:accuracyInterval', t);
  const out = { lo: d.lo, hi: d.hi };
  if (accuracyIntervals.size >= KEPT_INTERVALS)
    accuracyIntervals.delete(accuracyIntervals.keys().next().value!);
  accuracyIntervals.set(key, out);
  return out;
}
