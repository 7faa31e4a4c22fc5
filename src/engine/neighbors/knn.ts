import { dotAt, sqDistAt } from './kernels';
import { type Neighbours, TopK } from './topk';

export type Metric = 'cosine' | 'euclidean';

export interface KnnOptions {
  k: number;
  metric: Metric;
  /** Candidates restricted to rows with mask[i] = 1 (a cohort); null = every row. */
  mask?: Uint8Array | null;
  /** A row never returned (the query itself). */
  exclude?: number;
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
