// One measurement per (rule, cohort, version vs baseline): the estimate, its 95% interval and the
// one-sided p-value against the rule's limit. Verdicts and the false-discovery correction are in
// rules.ts. Interval and p come from one distribution per rule, so "the interval lies wholly
// beyond the limit" and "p < 0.025" agree.
import { flips, shareAboveChange } from '../../../engine/compare';
import {
  binomialMarginP,
  clopperPearson,
  normalMarginP,
  pairedDifference,
} from '../../../engine/stats';
import type { ReleaseRule } from '../../../protocol';
import { formatCount, formatThreshold } from '../../../shared/numberFormat';
import { scoreOf } from '../compare/chartScores';
import { aucDrop, macroF1Drop, regressionRise } from './bootstrap';
import type { Check, CheckContext } from './context';

const fail = (reason: string): Check => ({ ok: false, reason });
const PAIRED_TEST = 'paired difference (Agresti–Min), one-sided z against the limit';

/** A change B − A from discordant rows: `up` moved towards B's side, `down` away. */
function pairedChange(limit: number, up: number, down: number, n: number) {
  const pd = pairedDifference(up, down, n);
  return {
    value: pd.d,
    lo: pd.lo,
    hi: pd.hi,
    p: normalMarginP(pd.center, pd.se, limit),
    sd: pd.se * Math.sqrt(n + 2),
    test: PAIRED_TEST,
  };
}

// The count-based measures take counts, not arrays, so the DuckDB server (src/server/backend/
// rules.ts) measures from SQL counts with the same arithmetic.
export type ShareCounts = Pick<
  ReturnType<typeof shareAboveChange>,
  'n' | 'crossedUp' | 'crossedDown' | 'shareA' | 'shareB'
>;
export type FlipTotals = Pick<
  ReturnType<typeof flips>,
  'evaluated' | 'correctToWrong' | 'wrongToCorrect' | 'correctA' | 'correctB'
>;

/** Share of scores above t: B's minus A's over rows with both scores. */
export function shareRiseMeasure(ch: ShareCounts, t: number, limit: number): Check {
  if (ch.n === 0) return fail('no rows with both scores');
  const m = pairedChange(limit, ch.crossedUp, ch.crossedDown, ch.n);
  const detail = `${formatCount(ch.crossedUp)} moved above ${formatThreshold(t)}, ${formatCount(ch.crossedDown)} moved below`;
  return { ok: true, m: { ...m, a: ch.shareA, b: ch.shareB, n: ch.n, detail } };
}

function shareRise(c: CheckContext, t: number): Check {
  const sa = scoreOf(c.ev, c.base);
  const sb = scoreOf(c.ev, c.other);
  if (!sa || !sb) return fail('needs a score from both versions');
  return shareRiseMeasure(shareAboveChange(sa, sb, t, c.mask), t, c.limit);
}

function outcomes(c: CheckContext) {
  const { label } = c.ev;
  if (!label || !c.base.pred || !c.other.pred) return null;
  return flips(label, c.base.pred, c.other.pred, c.mask);
}

function accuracyDrop(c: CheckContext): Check {
  return accuracyDropMeasure(outcomes(c), c.limit);
}

export function accuracyDropMeasure(f: FlipTotals | null, limit: number): Check {
  if (!f || f.evaluated === 0) return fail('needs a label and predictions from both versions');
  const n = f.evaluated;
  const m = pairedChange(limit, f.wrongToCorrect, f.correctToWrong, n);
  const detail = `${formatCount(f.correctToWrong)} correct→wrong, ${formatCount(f.wrongToCorrect)} wrong→correct`;
  return { ok: true, m: { ...m, a: f.correctA / n, b: f.correctB / n, n, detail } };
}

function flipRate(c: CheckContext): Check {
  return flipRateMeasure(outcomes(c), c.limit);
}

export function flipRateMeasure(f: FlipTotals | null, limit: number): Check {
  if (!f || f.evaluated === 0) return fail('needs a label and predictions from both versions');
  const k = f.correctToWrong;
  const n = f.evaluated;
  const r = k / n;
  const ci = clopperPearson(k, n);
  // The spread under the tested limit sizes the rows needed (the one-sample test's variance at
  // H0); the observed rate's would undercount where the tail is skewed (few flips).
  const sd = Math.sqrt(limit * (1 - limit));
  return {
    ok: true,
    m: {
      value: r,
      lo: ci.lo,
      hi: ci.hi,
      a: NaN,
      b: NaN,
      n,
      p: binomialMarginP(k, n, limit),
      sd,
      test: 'exact binomial, one-sided against the limit (Clopper–Pearson interval)',
      detail: `${formatCount(k)} correct→wrong of ${formatCount(n)}`,
    },
  };
}

/** Measures one rule for one version against the baseline over the context's rows. */
export function checkRule(rule: ReleaseRule, c: CheckContext): Check | Promise<Check> {
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
      return flipRate(c);
    case 'regression-metric-rise':
      if (task !== 'regression') return fail('applies to regression');
      return regressionRise(c, rule.metric);
  }
}
