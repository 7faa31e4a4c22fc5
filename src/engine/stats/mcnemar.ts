import { chi2Sf1 } from './normal';

export interface McNemarResult {
  /** Discordant pairs: b = A right / B wrong (correct→wrong), c = A wrong / B right. */
  b: number;
  c: number;
  /** Exact test: min(b, c). Chi-square test: max(0, |b − c| − 1)² / (b + c). */
  statistic: number;
  /** Two-sided p-value. */
  p: number;
  /** True when the exact binomial test was used (b + c < 25). */
  exact: boolean;
}

/** Below this many discordant pairs the chi-square approximation is poor; go exact. */
export const MCNEMAR_EXACT_BELOW = 25;

/**
 * McNemar's test of paired binary outcomes (only the discordant pairs carry information).
 * - b + c < 25: exact two-sided binomial test of b ~ Binomial(b + c, ½), the value of
 *   scipy.stats.binomtest(b, b + c, 0.5): min(1, 2·P(X ≤ min(b, c))); statistic = min(b, c)
 *   (statsmodels' convention).
 * - otherwise: chi-square with one degree of freedom and Edwards' continuity correction,
 *   (|b − c| − 1)² / (b + c), floored at 0 so that |b − c| ≤ 1 gives p = 1 instead of
 *   over-correcting.
 * b + c = 0 (no discordant pairs) gives p = 1.
 */
export function mcnemar(b: number, c: number): McNemarResult {
  if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0)) {
    throw new RangeError(`McNemar counts must be non-negative integers: ${b}, ${c}`);
  }
  const n = b + c;
  if (n < MCNEMAR_EXACT_BELOW) {
    const k = Math.min(b, c);
    // P(X ≤ k) with exact integer binomial coefficients (n < 25 keeps them below 2^53).
    let coef = 1;
    let tail = 0;
    for (let i = 0; i <= k; i++) {
      tail += coef;
      coef = (coef * (n - i)) / (i + 1);
    }
    const p = Math.min(1, (2 * tail) / 2 ** n);
    return { b, c, statistic: k, p, exact: true };
  }
  const d = Math.max(0, Math.abs(b - c) - 1);
  const statistic = (d * d) / n;
  return { b, c, statistic, p: chi2Sf1(statistic), exact: false };
}
