type Floats = Float32Array | Float64Array;

export interface Range {
  lo: number;
  hi: number;
}

export interface Histogram {
  /** bins + 1 edges, numpy.linspace(lo, hi, bins + 1). */
  edges: Float64Array;
  counts: Float64Array;
  /** Rows binned. */
  n: number;
  /** Rows with a score outside the range (only when a range is given). */
  outside: number;
}

/**
 * Edges and binning as numpy.histogram: bin b is [edge_b, edge_{b+1}), the last bin also takes hi.
 * The index from (v − lo)·scale is nudged by one against the actual edges, as numpy does, so a
 * value exactly on an edge lands in the bin the edge opens.
 */
export class Binner {
  readonly edges: Float64Array;
  private readonly scale: number;

  constructor(
    readonly lo: number,
    readonly hi: number,
    readonly bins: number,
  ) {
    if (!Number.isInteger(bins) || bins < 1)
      throw new RangeError('bins must be a positive integer');
    if (!(hi > lo)) throw new RangeError(`empty range [${lo}, ${hi}]`);
    const step = (hi - lo) / bins;
    this.edges = new Float64Array(bins + 1);
    for (let b = 0; b < bins; b++) this.edges[b] = b * step + lo;
    this.edges[bins] = hi;
    this.scale = bins / (hi - lo);
  }

  /** Bin index of v, or −1 when v is outside [lo, hi] or NaN. */
  index(v: number): number {
    if (!(v >= this.lo && v <= this.hi)) return -1;
    const e = this.edges;
    let b = Math.floor((v - this.lo) * this.scale);
    if (b >= this.bins) b = this.bins - 1;
    if (v < e[b]!) b--;
    else if (b < this.bins - 1 && v >= e[b + 1]!) b++;
    return b;
  }
}

/** numpy's default range: the data's [min, max], widened by ½ each way when constant. */
export function dataRange(cols: Floats[], mask?: Uint8Array): Range {
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of cols) {
    for (let i = 0; i < col.length; i++) {
      if (mask !== undefined && mask[i] === 0) continue;
      const v = col[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return { lo: 0, hi: 1 };
  return lo === hi ? { lo: lo - 0.5, hi: hi + 0.5 } : { lo, hi };
}

/**
 * Histogram of one score over the mask's rows (NaN skipped). Overlays of several versions need
 * the same bins: pass a shared range (e.g. dataRange over all versions, or 0–1 for
 * probabilities); without one the score's own [min, max] is used.
 */
export function scoreHistogram(
  score: Floats,
  bins: number,
  mask?: Uint8Array,
  range?: Range,
): Histogram {
  if (mask !== undefined && mask.length !== score.length) throw new RangeError('mask length');
  const r = range ?? dataRange([score], mask);
  const binner = new Binner(r.lo, r.hi, bins);
  const counts = new Float64Array(bins);
  let n = 0;
  let outside = 0;
  for (let i = 0; i < score.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const v = score[i]!;
    if (v !== v) continue;
    const b = binner.index(v);
    if (b < 0) outside++;
    else {
      counts[b]!++;
      n++;
    }
  }
  return { edges: binner.edges, counts, n, outside };
}

export interface Histogram2D {
  /** Shared by both axes, so the diagonal is "same score under A and B". */
  edges: Float64Array;
  /** bins×bins counts, row-major: row = A's bin, column = B's bin (numpy.histogram2d(a, b)). */
  counts: Float64Array;
  n: number;
  outside: number;
}

/**
 * Joint histogram of A's score against B's over rows where both are present: the v1-vs-v2
 * density plot. Range defaults to the min/max over both scores.
 */
export function jointHistogram2D(
  scoreA: Floats,
  scoreB: Floats,
  bins: number,
  mask?: Uint8Array,
  range?: Range,
): Histogram2D {
  const len = scoreA.length;
  if (scoreB.length !== len) throw new RangeError('score length mismatch');
  if (mask !== undefined && mask.length !== len) throw new RangeError('mask length');
  let both = mask;
  if (range === undefined) {
    // The default range looks only at rows that will be binned (both scores present).
    both = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      both[i] =
        (mask === undefined || mask[i] === 1) && scoreA[i] === scoreA[i] && scoreB[i] === scoreB[i]
          ? 1
          : 0;
    }
  }
  const r = range ?? dataRange([scoreA, scoreB], both);
  const binner = new Binner(r.lo, r.hi, bins);
  const counts = new Float64Array(bins * bins);
  let n = 0;
  let outside = 0;
  for (let i = 0; i < len; i++) {
    if (both !== undefined && both[i] === 0) continue;
    const a = scoreA[i]!;
    const b = scoreB[i]!;
    if (a !== a || b !== b) continue;
    const ia = binner.index(a);
    const ib = binner.index(b);
    if (ia < 0 || ib < 0) outside++;
    else {
      counts[ia * bins + ib]!++;
      n++;
    }
  }
  return { edges: binner.edges, counts, n, outside };
}
