// Value distributions for the filter builder: histograms of numbers, counts of codes.

export interface Histogram {
  min: number;
  max: number;
  nulls: number;
  /** Bin edges: bins[i] covers [edges[i], edges[i+1]), the last bin is closed. */
  edges: number[];
  counts: number[];
}

export function numericHistogram(
  values: ArrayLike<number>,
  bins: number,
  mask?: Uint8Array | null,
): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const v = values[i]!;
    if (v !== v) nulls++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) return { min: NaN, max: NaN, nulls, edges: [], counts: [] };
  const k = min === max ? 1 : bins;
  const width = (max - min) / k || 1;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const v = values[i]!;
    if (v !== v) continue;
    counts[Math.min(k - 1, Math.floor((v - min) / width))]!++;
  }
  const edges = Array.from({ length: k + 1 }, (_, j) => (j === k ? max : min + j * width));
  return { min, max, nulls, edges, counts };
}

/** Rows per code (−1 = null counted apart). */
export function codeCounts(codes: Int32Array, k: number, mask?: Uint8Array | null) {
  const counts = new Float64Array(k);
  let nulls = 0;
  for (let i = 0; i < codes.length; i++) {
    if (mask && !mask[i]) continue;
    const c = codes[i]!;
    if (c < 0 || c >= k) nulls++;
    else counts[c]!++;
  }
  return { counts, nulls };
}
