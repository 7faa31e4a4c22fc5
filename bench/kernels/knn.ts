// Baselines and experiments for the kNN benchmark. The app's own kernel (what knn-top10 times)
// is src/engine/neighbors; these are the memory floor, an early-abandon variant and a reference.
import { type Neighbours, TopK } from '../../src/engine/neighbors/topk';
import { dotAt } from '../../src/engine/neighbors/kernels';

/**
 * The memory floor: one dot product per row against the query (the engine's unrolled dotAt).
 * Returns the largest dot product (so the work cannot be optimized away).
 */
export function dotScan(vectors: Float32Array, dim: number, q: Float32Array): number {
  const n = (vectors.length / dim) | 0;
  let best = -Infinity;
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    const s = dotAt(vectors, base, q, dim);
    if (s > best) best = s;
  }
  return best;
}

/**
 * Still exact, but a row is abandoned as soon as its partial sum (checked every 32 dimensions)
 * passes the k-th best distance so far. Same answer as the engine's exact search; faster when most rows are
 * far from the query.
 */
export function topKEuclideanEarlyAbandon(
  vectors: Float32Array,
  dim: number,
  q: Float32Array,
  k: number,
): Neighbours {
  const n = (vectors.length / dim) | 0;
  const heap = new TopK(k);
  let bound = Infinity;
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    let s = 0;
    let j = 0;
    while (j < dim) {
      const stop = Math.min(dim, j + 32);
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (; j + 4 <= stop; j += 4) {
        const b = base + j;
        const d0 = vectors[b]! - q[j]!;
        const d1 = vectors[b + 1]! - q[j + 1]!;
        const d2 = vectors[b + 2]! - q[j + 2]!;
        const d3 = vectors[b + 3]! - q[j + 3]!;
        a0 += d0 * d0;
        a1 += d1 * d1;
        a2 += d2 * d2;
        a3 += d3 * d3;
      }
      for (; j < stop; j++) {
        const dj = vectors[base + j]! - q[j]!;
        a0 += dj * dj;
      }
      s += a0 + a1 + a2 + a3;
      if (s >= bound) break;
    }
    if (s < bound) {
      heap.push(s, i);
      bound = heap.bound;
    }
  }
  return heap.sorted();
}

/** Reference answer for checks: every distance, then a full sort (slow; tests only). */
export function topKNaive(
  vectors: Float32Array,
  dim: number,
  q: Float32Array,
  k: number,
): Neighbours {
  const n = (vectors.length / dim) | 0;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const d = vectors[i * dim + j]! - q[j]!;
      s += d * d;
    }
    dist[i] = s;
  }
  const order = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => dist[a]! - dist[b]! || a - b)
    .slice(0, k);
  return { rows: Int32Array.from(order), distances: Float64Array.from(order, (i) => dist[i]!) };
}
