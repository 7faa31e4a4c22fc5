// Intervals and one-sided tests against a limit (a margin), for release rules and slices.
import { binomialUpper } from './distributions';
import { normalSf } from './normal';

export const Z95 = 1.959963984540054;

/**
 * Difference of two matched proportions, d = (x − y) / n (x, y = the two kinds of discordant
 * rows), with the Agresti–Min adjustment: 0.5 added to each cell of the 2×2 table (so n + 2)
 * before the Wald interval (Agresti & Min 2005, Biometrics 61:515), which keeps its coverage at
 * small counts where the plain Wald interval collapses to a point. `center` and `se` are the
 * adjusted estimate and its standard error: tests against a margin use the same two numbers, so
 * "the 95% interval lies beyond the limit" and "one-sided p < 0.025" agree.
 */
export function pairedDifference(x: number, y: number, n: number) {
  const [x1, y1, n1] = [x + 0.5, y + 0.5, n + 2];
  const center = (x1 - y1) / n1;
  const se = Math.sqrt(Math.max(0, x1 + y1 - (x1 - y1) ** 2 / n1)) / n1;
  return {
    d: n > 0 ? (x - y) / n : NaN,
    center,
    se,
    lo: Math.max(-1, center - Z95 * se),
    hi: Math.min(1, center + Z95 * se),
  };
}

/**
 * One-sided p of a normal test against a limit, in the direction the estimate lies: for an
 * estimate past the limit, H0 "the truth is on the other side"; likewise before it. Either way
 * P(Z > |center − limit| / se).
 */
export function normalMarginP(center: number, se: number, limit: number): number {
  if (!(se > 0)) return center === limit ? 1 : 0;
  return normalSf(Math.abs(center - limit) / se);
}

/**
 * Exact one-sided binomial p of k events in n against a rate limit, in the direction of k / n:
 * above it P(X ≥ k | limit) (scipy.stats.binom.sf(k − 1, n, limit)), at or below it
 * P(X ≤ k | limit) (binom.cdf(k, n, limit)).
 */
export function binomialMarginP(k: number, n: number, limit: number): number {
  return k / n > limit ? binomialUpper(k, n, limit) : binomialLower(k, n, limit);
}

/** P(X ≤ k) as the upper tail of n − X ~ Binomial(n, 1 − p): no 1 − (1 − ε) cancellation. */
function binomialLower(k: number, n: number, p: number): number {
  return binomialUpper(n - k, n, 1 - p);
}

/**
 * Clopper–Pearson ("exact") interval for k of n, scipy's
 * binomtest(k, n).proportion_ci(method='exact'): the rates at which the observed count sits
 * in a 2.5% tail, found by bisection on the binomial tail (60 halvings: below 1e-18).
 */
export function clopperPearson(k: number, n: number, alpha = 0.05): { lo: number; hi: number } {
  /** The p in [0, 1] where `right(p)` turns from true to false (60 halvings: below 1e-18). */
  const bisect = (right: (p: number) => boolean) => {
    let [a, b] = [0, 1];
    for (let i = 0; i < 60; i++) {
      const m = (a + b) / 2;
      if (right(m)) a = m;
      else b = m;
    }
    return (a + b) / 2;
  };
  // lo: P(X ≥ k | p) = α/2 (it rises with p); hi: P(X ≤ k | p) = α/2 (it falls with p).
  const lo = k === 0 ? 0 : bisect((p) => binomialUpper(k, n, p) < alpha / 2);
  const hi = k === n ? 1 : bisect((p) => binomialLower(k, n, p) > alpha / 2);
  return { lo, hi };
}
