// One release-rule cell's measure from counts or a bootstrap interval: the arithmetic the tab's
// rules (worker/services/rules) and the DuckDB server (server/backend/rules) share, so a grid
// measured from typed arrays and one measured from SQL counts are the same numbers.
import type { flips, shareAboveChange } from '../compare';
import {
  type BootstrapInterval,
  binomialMarginP,
  clopperPearson,
  normalMarginP,
  pairedDifference,
} from '../stats';
import { formatCount, formatThreshold } from '../../shared/numberFormat';
import type { Measure } from './types';

/** One rule measured in one cohort for one version against the baseline. */
export type Check = { ok: true; m: Measure } | { ok: false; reason: string };

/** Count statistics resample in time independent of n; row-weighted ones cost O(n) each. */
export const COUNT_RESAMPLES = 4000;
export const WEIGHT_RESAMPLES = 1000;

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

export function accuracyDropMeasure(f: FlipTotals | null, limit: number): Check {
  if (!f || f.evaluated === 0) return fail('needs a label and predictions from both versions');
  const n = f.evaluated;
  const m = pairedChange(limit, f.wrongToCorrect, f.correctToWrong, n);
  const detail = `${formatCount(f.correctToWrong)} correct→wrong, ${formatCount(f.wrongToCorrect)} wrong→correct`;
  return { ok: true, m: { ...m, a: f.correctA / n, b: f.correctB / n, n, detail } };
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

/**
 * The measure from a bootstrap interval against the limit (its nullValue): shared with the DuckDB
 * server, which draws the same Poisson replicates in SQL (src/server/backend/rules.ts).
 */
export function bootstrapMeasure(
  r: BootstrapInterval,
  stat: { a: number; b: number },
  n: number,
  counts: boolean,
): Check {
  const resamples = counts ? COUNT_RESAMPLES : WEIGHT_RESAMPLES;
  const test = counts
    ? `paired bootstrap (${resamples} resamples), one-sided against the limit`
    : `paired Poisson bootstrap (${resamples} resamples), one-sided against the limit`;
  // Two-sided p at the limit = twice the smaller tail; the one-sided p is that tail.
  return {
    ok: true,
    m: {
      value: r.estimate,
      lo: r.lo,
      hi: r.hi,
      a: stat.a,
      b: stat.b,
      n,
      p: Math.min(1, r.p / 2),
      sd: r.se * Math.sqrt(n),
      test,
      detail: '',
    },
  };
}
