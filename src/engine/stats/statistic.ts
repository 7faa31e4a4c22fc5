/**
 * What the bootstrap resamples. Builders in ./statistics and ./rankStatistics compact the cohort's
 * usable rows into "units" once; every resample then only reweights those units.
 */

/** A statistic of rows reweighted by multinomial counts (weights[u] = times unit u was drawn). */
export interface WeightedStatistic {
  readonly kind: 'weights';
  /** Number of resampling units (usable rows); weight vectors have this length. */
  readonly size: number;
  /**
   * Row index of each unit. Units are in whatever order makes evaluation fastest (e.g. by score),
   * which resampling does not care about; this says which row a weight belongs to.
   */
  readonly units: Uint32Array;
  /** The statistic on the data as observed (every weight 1). */
  readonly estimate: number;
  /** The statistic under the given counts; NaN when undefined for that resample. */
  evaluate(weights: Uint32Array): number;
}

/**
 * A statistic that depends only on how many drawn rows fall in each of a few categories (e.g.
 * correct / wrong). Resampling rows then equals drawing category counts from a multinomial,
 * which the bootstrap does exactly in time independent of the row count.
 */
export interface CountStatistic {
  readonly kind: 'counts';
  /** Rows per category in the data; a resample draws sum(categories) rows. */
  readonly categories: Float64Array;
  readonly estimate: number;
  evaluate(counts: Float64Array): number;
}

export type Statistic = WeightedStatistic | CountStatistic;

/** A difference B − A measured on the same units, with both sides' observed values. */
export type PairedStatistic = Statistic & { readonly a: number; readonly b: number };
