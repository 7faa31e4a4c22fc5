import { normalSf } from '../stats/normal';
import { wilson } from '../stats/wilson';
import { binomialUpper, studentSf } from '../stats/distributions';
import type { Cell, Score, Target } from './types';

const Z95 = 1.959963984540054;

/** Error rate in the slice vs the rest: pooled two-proportion z to rank, exact binomial p. */
export function rateScore(c: Cell, all: Cell): Score {
  const rate = c.a / c.n;
  const overall = all.a / all.n;
  const { lo, hi } = wilson(c.a, c.n);
  const restN = all.n - c.n;
  const rest = restN > 0 ? (all.a - c.a) / restN : NaN;
  const base = { effect: rate, lo, hi, rest, lift: overall > 0 ? rate / overall : NaN };
  if (restN <= 0 || overall <= 0 || overall >= 1) return { ...base, z: 0, p: 1 };
  // Pooled z = one-sample z against the overall rate × √(N / (N − n)).
  const z =
    ((c.a - c.n * overall) / Math.sqrt(c.n * overall * (1 - overall))) * Math.sqrt(all.n / restN);
  // Binomial tails are skewed: at the z of a search's best slices the normal tail is too small
  // by orders of magnitude, which floods noise with "discoveries". So the slice's errors get an
  // exact binomial tail at the rest's rate (half a count floor, so a rest without errors does
  // not make every error "impossible"); the normal only for slices larger than their rest or
  // not above the rate, where nothing hinges on the tail.
  if (z <= 0 || c.n > restN) return { ...base, z, p: normalSf(z) };
  const restRate = Math.max(all.a - c.a, 0.5) / restN;
  return { ...base, z, p: binomialUpper(c.a, c.n, Math.min(restRate, 1)) };
}

export function meanVar(n: number, sum: number, sq: number): [number, number] {
  const mean = sum / n;
  return [mean, n > 1 ? Math.max(0, (sq - n * mean * mean) / (n - 1)) : NaN];
}

/** Absolute errors in the slice vs the rest: Welch's t, one-sided. */
export function meanScore(c: Cell, all: Cell): Score {
  const [m, v] = meanVar(c.n, c.a, c.b);
  const restN = all.n - c.n;
  const [mr, vr] = meanVar(restN, all.a - c.a, all.b - c.b);
  const half = Z95 * Math.sqrt(v / c.n);
  const overall = all.a / all.n;
  const lift = overall > 0 ? m / overall : NaN;
  const base = { effect: m, lo: m - half, hi: m + half, rest: restN > 0 ? mr : NaN, lift };
  if (restN < 2 || !(v + vr > 0)) return { ...base, z: 0, p: 1 };
  const sa = v / c.n;
  const sb = vr / restN;
  const t = (m - mr) / Math.sqrt(sa + sb);
  const df = (sa + sb) ** 2 / ((sa * sa) / (c.n - 1) + (sb * sb) / (restN - 1));
  return { ...base, z: t, p: studentSf(t, df) };
}

/**
 * SliceLine-style upper bound on the ranking statistic of any refinement of a slice (a subset of
 * its rows with at least minSize outcomes). Rate: a refinement has at most the slice's errors e
 * and n ≥ max(minSize, e) rows; z grows with e and falls with n, so z(e, max(minSize, e)) bounds
 * the one-sample part and √(N / (N − n_slice)) the pooling factor. Paired: the statistic is at
 * most the McNemar z (w − b) / √(w + b) of the refinement, largest when it keeps only its w ≤ W
 * negative flips: √W. Mean kinds have no cheap bound (Infinity: never pruned).
 */
export function refinementBound(kind: Target['kind'], c: Cell, all: Cell, minSize: number) {
  if (c.n < minSize) return -Infinity;
  if (kind === 'paired') return Math.sqrt(c.a);
  if (kind !== 'rate') return Infinity;
  const overall = all.a / all.n;
  if (overall <= 0 || overall >= 1 || all.n <= c.n) return 0;
  const nLo = Math.max(minSize, c.a);
  const first = (c.a - nLo * overall) / Math.sqrt(nLo * overall * (1 - overall));
  return first <= 0 ? first : first * Math.sqrt(all.n / (all.n - c.n));
}
