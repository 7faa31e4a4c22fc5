const SQRT_PI = Math.sqrt(Math.PI);

/**
 * Complementary error function to about 1e-14 relative accuracy for x >= 0 (negative x by
 * symmetry): below 2 the all-positive series erf(x) = 2/√π·e^(−x²)·Σ (2x²)^k·x/(2k+1)!!, which
 * has no cancellation, then 1 − erf; from 2 on a continued fraction that converges quickly there
 * and keeps tiny tail probabilities relative-accurate.
 */
export function erfc(x: number): number {
  if (x !== x) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let k = 1; k < 200; k++) {
      term *= (2 * x2) / (2 * k + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x2) * sum;
  }
  if (x > 27) return 0; // e^(−x²) underflows
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated by
  // modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** P(Z > z) for a standard normal Z. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Survival function of the chi-square distribution with one degree of freedom. */
export function chi2Sf1(x: number): number {
  if (x !== x) return NaN;
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}
