import { dotAt, sqDistAt } from './kernels';
import { type SimdScanner, simdScanner, simdScores } from './simdScan';
import { type Neighbours, TopK } from './topk';

export type Metric = 'cosine' | 'euclidean';

export interface KnnOptions {
  k: number;
  metric: Metric;
  /** Candidates restricted to rows with mask[i] = 1 (a cohort); null = every row. */
  mask?: Uint8Array | null;
  /** A row never returned (the query itself). */
  exclude?: number;
  /** false: the plain JS scan only (for tests; the answers are the same). */
  simd?: boolean;
}

/** Candidates kept from the float32 scan beyond k, re-ranked in double precision. */
const MARGIN = 32;

/**
 * The WebAssembly SIMD scan (float32, ~5× the JS scan) picks k + MARGIN candidates, which are
 * re-ranked in double precision. The answer is the exact one when no row left out could beat the
 * k-th: float32 sums of dim terms err by at most ~dim·2⁻²⁴ (relative for squared distances, whose
 * terms are all positive; absolute for 1 − cos, by Cauchy–Schwarz), so the check keeps a 4×
 * margin on that. Returns null when it cannot promise that (many near-ties, overflow to
 * Infinity): the caller scans in JS.
 */
function nearestSimd(
  s: SimdScanner,
  vectors: Float32Array,
  norms: Float64Array,
  q: Float32Array,
  qn: number,
  k: number,
  opts: KnnOptions,
): Neighbours | null {
  const { dim } = s;
  const euclid = opts.metric === 'euclidean';
  const mask = opts.mask ?? null;
  const exclude = opts.exclude ?? -1;
  const scores = simdScores(s, q, euclid ? 'l2' : 'dot');
  const wide = new TopK(k + MARGIN);
  let bound = Infinity;
  for (let i = 0; i < norms.length; i++) {
    const ni = norms[i]!;
    if (i === exclude || (mask !== null && mask[i] !== 1) || ni !== ni) continue;
    const v = euclid ? scores[i]! : qn === 0 || ni === 0 ? 1 : 1 - scores[i]! / (qn * ni);
    if (!(v < Infinity)) return null; // NaN or overflow: float32 cannot rank this row
    if (v < bound) {
      wide.push(v, i);
      bound = wide.bound;
    }
  }
  const top = new TopK(k);
  for (const i of Array.from(wide.sorted().rows).sort((a, b) => a - b)) {
    const ni = norms[i]!;
    const base = i * dim;
    top.push(
      euclid
        ? sqDistAt(vectors, base, q, dim)
        : qn === 0 || ni === 0
          ? 1
          : 1 - dotAt(vectors, base, q, dim) / (qn * ni),
      i,
    );
  }
  if (wide.size === wide.k && top.size === k) {
    const tol = 4 * dim * 2 ** -24;
    const kth = top.bound;
    const safe = euclid ? bound * (1 - tol) > kth * (1 + tol) : bound - tol > kth + tol;
    if (!safe) return null;
  }
  const out = top.sorted();
  if (euclid)
    for (let i = 0; i < out.distances.length; i++) out.distances[i] = Math.sqrt(out.distances[i]!);
  return out;
}

/**
 * Exact k nearest rows of `q` among n × dim row-major vectors, nearest first, ties by lower row
 * index. `norms` (from rowNorms) marks null rows (NaN) and serves cosine. Euclidean distances are
 * true distances; cosine distance is 1 − cos, and is defined as 1 when either vector is zero
 * (no direction: neither similar nor opposite). k above the candidates returns every candidate.
 */
export function nearest(
  vectors: Float32Array,
  dim: number,
  norms: Float64Array,
  q: Float32Array,
  opts: KnnOptions,
): Neighbours {
  const n = norms.length;
  const heap = new TopK(Math.max(0, Math.floor(opts.k)));
  const mask = opts.mask ?? null;
  const exclude = opts.exclude ?? -1;
  let qn = 0;
  for (let j = 0; j < dim; j++) qn += q[j]! * q[j]!;
  qn = Math.sqrt(qn);
  if (qn !== qn || heap.k === 0) return heap.sorted();
  const scanner = opts.simd === false ? null : simdScanner(vectors, dim);
  const fast = scanner ? nearestSimd(scanner, vectors, norms, q, qn, heap.k, opts) : null;
  if (fast) return fast;
  let bound = Infinity;
  if (opts.metric === 'euclidean') {
    for (let i = 0, base = 0; i < n; i++, base += dim) {
      if (i === exclude || (mask !== null && mask[i] !== 1) || norms[i] !== norms[i]) continue;
      const s = sqDistAt(vectors, base, q, dim);
      if (s < bound) {
        heap.push(s, i);
        bound = heap.bound;
      }
    }
    const out = heap.sorted();
    for (let i = 0; i < out.distances.length; i++) out.distances[i] = Math.sqrt(out.distances[i]!);
    return out;
  }
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    const ni = norms[i]!;
    if (i === exclude || (mask !== null && mask[i] !== 1) || ni !== ni) continue;
    const s = qn === 0 || ni === 0 ? 1 : 1 - dotAt(vectors, base, q, dim) / (qn * ni);
    if (s < bound) {
      heap.push(s, i);
      bound = heap.bound;
    }
  }
  return heap.sorted();
}

/** The neighbours of row `row` of the vectors, excluding the row itself. */
export function nearestToRow(
  vectors: Float32Array,
  dim: number,
  norms: Float64Array,
  row: number,
  opts: Omit<KnnOptions, 'exclude'>,
): Neighbours {
  const q = vectors.subarray(row * dim, (row + 1) * dim);
  return nearest(vectors, dim, norms, q, { ...opts, exclude: row });
}
