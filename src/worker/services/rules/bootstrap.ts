// Rules measured with a paired bootstrap (macro-F1, AUC, MAE, RMSE): interval and p-value both
// come from the resamples, seeded per cell so the grid is reproducible. The p is one-sided
// against the rule's limit: the share of resamples on the far side of it (+1 corrected).
// Row-weighted statistics draw Compare's Poisson(1) weights (engine/stats/poissonBootstrap), so a
// rule on AUC or MAE resamples exactly as Compare's intervals do, and the work gives way between
// resamples (other requests are answered meanwhile) and stops when a newer grid replaces it.
// Macro-F1 from its k³ joint counts keeps the multinomial draw: it costs O(k³), not O(rows).
import { absoluteErrors, squaredErrors } from '../../../engine/metrics';
import {
  type Statistic,
  bootstrap,
  percentileInterval,
  pairedMeanStatistic,
  pairedRankStatistic,
} from '../../../engine/stats';
import { poissonStatisticReplicates } from '../../../engine/stats/poissonBootstrap';
import { labels01Of } from '../compare/chartScores';
import type { Check, CheckContext } from './context';
import {
  COUNT_RESAMPLES,
  WEIGHT_RESAMPLES,
  bootstrapMeasure,
} from '../../../engine/rules/measures';
import { pairedMacroF1Counts, pairedMacroF1Statistic } from './stats';

const fail = (reason: string): Check => ({ ok: false, reason });

async function bootstrapped(
  stat: Statistic & { a: number; b: number },
  n: number,
  c: CheckContext,
): Promise<Check> {
  if (n === 0 || Number.isNaN(stat.estimate)) return fail('not defined on these rows');
  const resamples = stat.kind === 'counts' ? COUNT_RESAMPLES : WEIGHT_RESAMPLES;
  const opts = { nullValue: c.limit };
  const r =
    stat.kind === 'counts'
      ? bootstrap(stat, resamples, { ...opts, seed: c.seed })
      : percentileInterval(
          await poissonStatisticReplicates(stat, resamples, c.seed, c.replicate),
          stat.estimate,
          opts,
        );
  return bootstrapMeasure(r, stat, n, stat.kind === 'counts');
}

/** Up to 16 classes the k³ joint counts are a cheaper resampling unit than the rows. */
const COUNT_CLASSES = 16;

export function macroF1Drop(c: CheckContext): Promise<Check> | Check {
  const { label, classes } = c.ev;
  if (!label || !c.base.pred || !c.other.pred) return fail('needs a label and predictions');
  const k = classes.length;
  if (k <= COUNT_CLASSES) {
    const s = pairedMacroF1Counts(label, c.base.pred, c.other.pred, k, c.rows);
    return bootstrapped(
      s,
      s.categories.reduce((x, y) => x + y, 0),
      c,
    );
  }
  const s = pairedMacroF1Statistic(label, c.base.pred, c.other.pred, k, c.rows);
  return bootstrapped(s, s.size, c);
}

export function aucDrop(c: CheckContext): Promise<Check> | Check {
  const l01 = labels01Of(c.ev);
  if (!l01 || !c.base.score || !c.other.score) return fail('needs a binary label and scores');
  const s = pairedRankStatistic('auc', l01, c.base.score, c.other.score, c.rows);
  return bootstrapped(s, s.size, c);
}

export function regressionRise(c: CheckContext, metric: 'mae' | 'rmse'): Promise<Check> | Check {
  const { y } = c.ev;
  const ya = c.base.yhat;
  const yb = c.other.yhat;
  if (!y || !ya || !yb) return fail('needs a numeric label and predictions');
  const errs = metric === 'mae' ? absoluteErrors : squaredErrors;
  const ea = c.memo(`${metric}:${c.base.name}`, () => errs(y, ya));
  const eb = c.memo(`${metric}:${c.other.name}`, () => errs(y, yb));
  const s = pairedMeanStatistic(ea, eb, c.rows, { sqrt: metric === 'rmse' });
  return bootstrapped(s, s.size, c);
}
