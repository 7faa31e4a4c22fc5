import { sampleMultinomial } from './binomial';
import { Xoshiro128 } from './prng';
import type { Statistic } from './statistic';
import { drawMultinomialWeights } from './weights';

export interface BootstrapOptions {
  /** PRNG seed; the same seed and statistic reproduce the same replicates. Default 1. */
  seed?: number;
  /** Two-sided confidence level of the percentile interval. Default 0.95. */
  level?: number;
  /** When set, `p` tests H0: statistic = nullValue (paired differences use 0). */
  nullValue?: number;
}

export interface BootstrapInterval {
  /** The statistic on the observed data. */
  estimate: number;
  /** Percentile interval (numpy's linear interpolation) over the finite replicates. */
  lo: number;
  hi: number;
  /** Standard deviation (ddof = 1) of the finite replicates. */
  se: number;
  level: number;
  /** Resamples drawn so far, and how many of them left the statistic undefined (NaN). */
  resamples: number;
  failed: number;
  /**
   * Two-sided bootstrap p for H0: statistic = nullValue: twice the smaller share of replicates on
   * either side of the null (ties count for both sides), with the +1 correction so p is never 0:
   * min(1, 2·(1 + min(#≤null, #≥null)) / (1 + finite)). NaN when no nullValue was given.
   */
  p: number;
}

/**
 * A bootstrap that refines as it goes: `step(n)` draws n more resamples and returns the interval
 * over everything so far, so a caller can show a first interval at once and narrow it. Splitting
 * the same total into different steps gives identical replicates.
 */
export class ProgressiveBootstrap {
  private readonly rng: Xoshiro128;
  private readonly level: number;
  private readonly nullValue: number;
  private reps = new Float64Array(64);
  private count = 0;
  private failed = 0;
  /** Scratch reused across resamples: unit weights or category counts. */
  private readonly weights: Uint32Array | null;
  private readonly counts: Float64Array | null;
  private readonly chunk: Uint32Array | null;

  constructor(
    readonly statistic: Statistic,
    options: BootstrapOptions = {},
  ) {
    this.rng = new Xoshiro128(options.seed ?? 1);
    this.level = options.level ?? 0.95;
    if (!(this.level > 0 && this.level < 1)) throw new RangeError(`level must be in (0, 1)`);
    this.nullValue = options.nullValue ?? NaN;
    const weighted = statistic.kind === 'weights';
    this.weights = weighted ? new Uint32Array(statistic.size) : null;
    this.chunk = weighted ? new Uint32Array(4096) : null;
    this.counts = weighted ? null : new Float64Array(statistic.categories.length);
  }

  get resamples(): number {
    return this.count;
  }

  /** The replicates drawn so far, in draw order (a copy). */
  replicates(): Float64Array {
    return this.reps.slice(0, this.count);
  }

  step(more: number): BootstrapInterval {
    this.advance(more);
    return this.current();
  }

  /** Draws `more` resamples without summarizing them (callers that step in small pieces). */
  advance(more: number): void {
    if (!Number.isInteger(more) || more < 0) throw new RangeError(`bad resample count: ${more}`);
    if (this.count + more > this.reps.length) {
      const grown = new Float64Array(Math.max(this.count + more, this.reps.length * 2));
      grown.set(this.reps.subarray(0, this.count));
      this.reps = grown;
    }
    for (let r = 0; r < more; r++) {
      const v = this.resampleOnce();
      if (v !== v) this.failed++;
      this.reps[this.count++] = v;
    }
  }

  private resampleOnce(): number {
    const s = this.statistic;
    if (s.kind === 'weights') {
      if (s.size === 0) return NaN;
      drawMultinomialWeights(this.rng, this.weights!, s.size, this.chunk!);
      return s.evaluate(this.weights!);
    }
    let n = 0;
    for (let j = 0; j < s.categories.length; j++) n += s.categories[j]!;
    if (n === 0) return NaN;
    sampleMultinomial(this.rng, n, s.categories, this.counts!);
    return s.evaluate(this.counts!);
  }

  current(): BootstrapInterval {
    return percentileInterval(this.reps.subarray(0, this.count), this.statistic.estimate, {
      level: this.level,
      nullValue: this.nullValue,
    });
  }
}

/**
 * The percentile interval, standard error and bootstrap p of replicates (NaN replicates count as
 * failed). Shared by the multinomial bootstrap above and the Poisson one (poissonBootstrap.ts).
 */
export function percentileInterval(
  reps: Float64Array,
  estimate: number,
  options: { level?: number; nullValue?: number } = {},
): BootstrapInterval {
  const level = options.level ?? 0.95;
  const nv = options.nullValue ?? NaN;
  let failed = 0;
  for (let i = 0; i < reps.length; i++) if (reps[i] !== reps[i]) failed++;
  const finite = new Float64Array(reps.length - failed);
  let m = 0;
  let sum = 0;
  for (let i = 0; i < reps.length; i++) {
    const v = reps[i]!;
    if (v === v) {
      finite[m++] = v;
      sum += v;
    }
  }
  finite.sort();
  const alpha = 1 - level;
  const mean = sum / m;
  let ss = 0;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < m; i++) {
    const v = finite[i]!;
    ss += (v - mean) * (v - mean);
    if (v <= nv) atOrBelow++;
    if (v >= nv) atOrAbove++;
  }
  const p =
    nv === nv && m > 0 ? Math.min(1, (2 * (1 + Math.min(atOrBelow, atOrAbove))) / (1 + m)) : NaN;
  return {
    estimate,
    lo: quantileSorted(finite, alpha / 2),
    hi: quantileSorted(finite, 1 - alpha / 2),
    se: m > 1 ? Math.sqrt(ss / (m - 1)) : NaN,
    level,
    resamples: reps.length,
    failed,
    p,
  };
}

/** numpy.quantile's default ('linear') on an ascending array; NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  return lo + 1 < n ? a + (h - lo) * (sorted[lo + 1]! - a) : a;
}

/** One-shot convenience: `resamples` draws, then the interval. */
export function bootstrap(
  statistic: Statistic,
  resamples: number,
  options?: BootstrapOptions,
): BootstrapInterval {
  return new ProgressiveBootstrap(statistic, options).step(resamples);
}

/** A bootstrap of a paired difference B − A, with p for H0: no difference. */
export function pairedBootstrap(
  statistic: Statistic,
  options: Omit<BootstrapOptions, 'nullValue'> = {},
): ProgressiveBootstrap {
  return new ProgressiveBootstrap(statistic, { ...options, nullValue: 0 });
}
