export interface PercentileResult {
  /** Rows (with a value) in the cohort whose value is strictly lower / equal. */
  below: number;
  equal: number;
  /** Rows in the cohort with a value (nulls and NaN are not ranked). */
  total: number;
  /** Mid-rank percentile, 0–100: (below + equal / 2) / total; null when nothing is ranked. */
  percentile: number | null;
}

/** Where x falls among the values of the rows a mask keeps (all rows when null). */
export function percentileOf(
  values: ArrayLike<number>,
  x: number,
  mask: Uint8Array | null,
): PercentileResult {
  let below = 0;
  let equal = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const v = values[i]!;
    if (v !== v) continue;
    total++;
    if (v < x) below++;
    else if (v === x) equal++;
  }
  const percentile = total > 0 && x === x ? (100 * (below + equal / 2)) / total : null;
  return { below, equal, total, percentile };
}
