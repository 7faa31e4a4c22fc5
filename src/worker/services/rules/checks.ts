// One measurement per (rule, cohort, version vs baseline): the estimate, its 95% interval and the
// p-value of the rule's test. Verdicts and the false-discovery correction are in rules.ts.
import { aboveOutcome, flips, shareAboveChange } from '../../../engine/compare';
import { correctness } from '../../../engine/metrics';
import {
  type McNemarResult,
  type Statistic,
  binomialUpper,
  bootstrap,
  mcnemar,
  pairedProportionStatistic,
  wilson,
} from '../../../engine/stats';
import type { ReleaseRule } from '../../../protocol';
import { scoreOf } from '../compare/chartScores';
import { COUNT_RESAMPLES } from './stats';
import { aucDrop, macroF1Drop, regressionRise } from './bootstrap';
import type { Check, CheckContext } from './context';

const fail = (reason: string): Check => ({ ok: false, reason });

function mcnemarName(t: McNemarResult): string {
  return t.exact ? 'McNemar (exact)' : 'McNemar (χ², continuity-corrected)';
}

function boot(stat: Statistic, resamples: number, seed: number) {
  return bootstrap(stat, resamples, { seed, nullValue: 0 });
}

function shareRise(c: CheckContext, t: number): Check {
  const sa = scoreOf(c.ev, c.base);
  const sb = scoreOf(c.ev, c.other);
  if (!sa || !sb) return fail('needs a score from both versions');
  const ch = shareAboveChange(sa, sb, t, c.mask);
  if (ch.n === 0) return fail('no rows with both scores');
  const oa = c.memo(`above:${c.base.name}:${t}`, () => aboveOutcome(sa, t));
  const ob = c.memo(`above:${c.other.name}:${t}`, () => aboveOutcome(sb, t));
  const ci = boot(pairedProportionStatistic(oa, ob, c.rows), COUNT_RESAMPLES, c.seed);
  return {
    ok: true,
    m: {
      value: ch.delta,
      lo: ci.lo,
      hi: ci.hi,
      a: ch.shareA,
      b: ch.shareB,
      n: ch.n,
      p: ch.test.p,
      test: mcnemarName(ch.test),
      detail: `${ch.crossedUp} moved above ${t}, ${ch.crossedDown} moved below`,
    },
  };
}

function outcomes(c: CheckContext) {
  const { label } = c.ev;
  if (!label || !c.base.pred || !c.other.pred) return null;
  return flips(label, c.base.pred, c.other.pred, c.mask);
}

function accuracyDrop(c: CheckContext): Check {
  const f = outcomes(c);
  if (!f || f.evaluated === 0) return fail('needs a label and predictions from both versions');
  const { label } = c.ev;
  const ca = c.memo(`correct:${c.base.name}`, () => correctness(label!, c.base.pred!));
  const cb = c.memo(`correct:${c.other.name}`, () => correctness(label!, c.other.pred!));
  const ci = boot(pairedProportionStatistic(ca, cb, c.rows), COUNT_RESAMPLES, c.seed);
  const test = mcnemar(f.correctToWrong, f.wrongToCorrect);
  const a = f.correctA / f.evaluated;
  const b = f.correctB / f.evaluated;
  return {
    ok: true,
    m: {
      value: b - a,
      lo: ci.lo,
      hi: ci.hi,
      a,
      b,
      n: f.evaluated,
      p: test.p,
      test: mcnemarName(test),
      detail: `${f.correctToWrong} correct→wrong, ${f.wrongToCorrect} wrong→correct`,
    },
  };
}

function flipRate(c: CheckContext, maxRate: number): Check {
  const f = outcomes(c);
  if (!f || f.evaluated === 0) return fail('needs a label and predictions from both versions');
  const k = f.correctToWrong;
  const ci = wilson(k, f.evaluated);
  return {
    ok: true,
    m: {
      value: k / f.evaluated,
      lo: ci.lo,
      hi: ci.hi,
      a: NaN,
      b: NaN,
      n: f.evaluated,
      // H0: the true rate is at most the limit; small p = evidence it is above.
      p: binomialUpper(k, f.evaluated, maxRate),
      test: 'exact binomial, one-sided',
      detail: `${k} correct→wrong of ${f.evaluated}`,
    },
  };
}

/** Measures one rule for one version against the baseline over the context's rows. */
export function checkRule(rule: ReleaseRule, c: CheckContext): Check {
  const task = c.ev.task;
  switch (rule.kind) {
    case 'share-above-rise':
      return shareRise(c, rule.threshold);
    case 'metric-drop':
      if (task === 'regression') return fail('applies to classifiers');
      if (rule.metric === 'auc') return task === 'binary' ? aucDrop(c) : fail('binary only');
      return rule.metric === 'accuracy' ? accuracyDrop(c) : macroF1Drop(c);
    case 'negative-flip-rate':
      if (task === 'regression') return fail('applies to classifiers');
      return flipRate(c, rule.maxRate / 100);
    case 'regression-metric-rise':
      if (task !== 'regression') return fail('applies to regression');
      return regressionRise(c, rule.metric);
  }
}
