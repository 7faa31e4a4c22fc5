import type { Xoshiro128 } from './prng';

/** Gamma(shape, 1) for shape >= 1 (Marsaglia & Tsang 2000); only called with shape >= 1. */
function sampleGamma(rng: Xoshiro128, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.nextNormal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = 1 - rng.nextFloat(); // (0, 1]: log(u) stays finite
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** At or below this many trials, inversion is cheaper than another split. */
const DIRECT = 40;

/**
 * Binomial(n, p) by inversion of the CDF for small n: one uniform, then walk the pmf from 0 with
 * the ratio recurrence. Run on min(p, 1 − p) so that (1 − p)^n ≥ 2^−40 stays far from underflow.
 */
function smallBinomial(rng: Xoshiro128, n: number, p: number): number {
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const ratio = q / (1 - q);
  let f = Math.pow(1 - q, n);
  let u = rng.nextFloat();
  let k = 0;
  // k < n guards against u outliving the pmf's rounded total.
  while (u >= f && k < n) {
    u -= f;
    f *= ((n - k) / (k + 1)) * ratio;
    k++;
  }
  return flip ? n - k : k;
}

/**
 * Exact Binomial(n, p) draw (Knuth, TAOCP 3.4.1, algorithm B): the a-th smallest of n uniforms
 * is Beta(a, n + 1 − a); comparing it with p settles a of the trials at once and leaves a
 * binomial on the other side with a rescaled p. About 2·log2(n / 40) gamma draws, so a bootstrap
 * over category counts costs the same for a thousand rows as for a billion.
 */
export function sampleBinomial(rng: Xoshiro128, trials: number, p: number): number {
  let n = trials;
  let q = p;
  let k = 0;
  while (n > DIRECT) {
    if (q <= 0) return k;
    if (q >= 1) return k + n;
    const a = 1 + (n >> 1);
    const b = n + 1 - a;
    const ga = sampleGamma(rng, a);
    const x = ga / (ga + sampleGamma(rng, b));
    if (x >= q) {
      n = a - 1;
      q = q / x;
    } else {
      k += a;
      n = b - 1;
      q = (q - x) / (1 - x);
    }
  }
  if (q <= 0 || n === 0) return k;
  if (q >= 1) return k + n;
  return k + smallBinomial(rng, n, q);
}

/**
 * Multinomial draw of `trials` items over categories whose probabilities are proportional to
 * `sizes`, written into `out`, by conditional binomials (category j gets a binomial share of
 * what the earlier categories left).
 */
export function sampleMultinomial(
  rng: Xoshiro128,
  trials: number,
  sizes: Float64Array,
  out: Float64Array,
): void {
  let total = 0;
  for (let j = 0; j < sizes.length; j++) total += sizes[j]!;
  let left = trials;
  for (let j = 0; j < sizes.length; j++) {
    const s = sizes[j]!;
    const draw = left > 0 && s > 0 ? sampleBinomial(rng, left, Math.min(1, s / total)) : 0;
    out[j] = draw;
    left -= draw;
    total -= s;
  }
}
