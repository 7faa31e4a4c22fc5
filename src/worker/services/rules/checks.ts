// One measurement per (rule, cohort, version vs baseline): the estimate, its 95% interval and the
// one-sided p-value against the rule's limit. Verdicts and the false-discovery correction are in
// rules.ts. Interval and p come from one distribution per rule, so "the interval lies wholly
// beyond the limit" and "p < 0.025" agree.
import { flips, shareAboveChange } from '../../../engine/compare';
import {
  accuracyDropMeasure,
  flipRateMeasure,
  shareRiseMeasure,
} from '../../../engine/rules/measures';
import type { ReleaseRule } from '../../../protocol';
import { scoreOf } from '../compare/chartScores';
import { aucDrop, macroF1Drop, regressionRise } from './bootstrap';
import type { Check, CheckContext } from './context';

const fail = (reason: string): Check => ({ ok: false, reason });

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

function flipRate(c: CheckContext): Check {
  return flipRateMeasure(outcomes(c), c.limit);
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
