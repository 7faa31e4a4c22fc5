export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Wilson score interval for a binomial proportion (no continuity correction), the interval
 * scipy's binomtest(...).proportion_ci(method='wilson') gives. Unlike the Wald interval it stays
 * inside [0, 1] and keeps its coverage near 0 and 1 (a cohort with 0 errors still gets a width).
 * z = 1.96 for 95%. n = 0 gives NaN bounds.
 */
export function wilson(successes: number, n: number, z = 1.96): Interval {
  if (n === 0) return { lo: NaN, hi: NaN };
  if (!(successes >= 0 && successes <= n)) {
    throw new RangeError(`successes ${successes} must lie in [0, ${n}]`);
  }
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The bounds are exactly 0 / 1 at p = 0 / 1 in exact arithmetic; clamp the rounding.
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}
