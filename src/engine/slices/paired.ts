import { pairedDifference } from '../stats/margin';
import { MCNEMAR_EXACT_BELOW } from '../stats/mcnemar';
import { normalSf } from '../stats/normal';
import { binomialUpper, studentSf } from '../stats/distributions';
import { meanScore, meanVar } from './score';
import type { Cell, Score } from './types';

/** Net change in error rate (w − b) / n with its Agresti–Min interval (engine/stats/margin). */
export function netChange(w: number, b: number, n: number) {
  const { d, lo, hi } = pairedDifference(w, b, n);
  return { d, lo, hi };
}

/**
 * One-sided McNemar for "more correct→wrong than wrong→correct": exact binomial P(X ≥ w) with
 * X ~ Binomial(w + b, ½) below 25 discordant rows (as the two-sided test in engine/stats), else
 * the continuity-corrected normal (w − b − 1) / √(w + b).
 */
export function mcnemarWorse(w: number, b: number): number {
  const m = w + b;
  if (m === 0) return 1;
  if (m < MCNEMAR_EXACT_BELOW) return binomialUpper(w, m, 0.5);
  return normalSf((w - b - 1) / Math.sqrt(m));
}

/**
 * Classification, paired: a slice is reported when the version got worse inside it (McNemar on
 * its own rows) AND worse there than outside it (two-sample z on the per-row change
 * D = +1 / −1 / 0). Both must hold, so the p-value is the larger of the two (an
 * intersection–union test: valid at its level without correction) and the ranking statistic the
 * smaller z. A slice that churns both ways (w ≈ b) fails the first test however many flips it has.
 */
export function pairedScore(c: Cell, all: Cell): Score {
  const { d, lo, hi } = netChange(c.a, c.b, c.n);
  const restN = all.n - c.n;
  const [rw, rb] = [all.a - c.a, all.b - c.b];
  const rest = restN > 0 ? (rw - rb) / restN : NaN;
  const base = { effect: d, lo, hi, rest, lift: NaN };
  const m = c.a + c.b;
  const zIn = m > 0 ? (c.a - c.b) / Math.sqrt(m) : 0;
  const pIn = mcnemarWorse(c.a, c.b);
  // Variance of D in each group: E[D²] − d².
  const se = Math.sqrt(
    (m / c.n - d * d) / c.n + (restN > 0 ? ((rw + rb) / restN - rest * rest) / restN : 0),
  );
  if (restN <= 0 || !(se > 0)) return { ...base, z: Math.min(zIn, 0), p: 1 };
  const zOut = (d - rest) / se;
  return { ...base, z: Math.min(zIn, zOut), p: Math.max(pIn, normalSf(zOut)) };
}

/**
 * Regression task, paired: x = |e_version| − |e_baseline| per row. Paired t inside the slice
 * (mean x > 0) and Welch t against the rest, combined as in pairedScore.
 */
export function pairedMeanScore(c: Cell, all: Cell): Score {
  const vsRest = meanScore(c, all);
  const [m, v] = meanVar(c.n, c.a, c.b);
  const base = { ...vsRest, lift: NaN };
  if (!(v > 0) || c.n < 2) return { ...base, z: Math.min(vsRest.z, 0), p: 1 };
  const t = m / Math.sqrt(v / c.n);
  return { ...base, z: Math.min(t, vsRest.z), p: Math.max(studentSf(t, c.n - 1), vsRest.p) };
}
