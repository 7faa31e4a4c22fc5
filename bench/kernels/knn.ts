// Exact nearest-neighbour kernels over row-major float32 vectors (n × dim), plain TypeScript.
// They live in bench/ until the embedding work needs them; they are written to move unchanged
// to src/engine/neighbors/ (no DOM, no worker, no dependencies).

/**
 * The memory floor: one dot product per row against the query, 4 accumulators, unrolled by 8.
 * Returns the largest dot product (so the work cannot be optimized away).
 */
export function dotScan(vectors: Float32Array, dim: number, q: Float32Array): number {
  const n = (vectors.length / dim) | 0;
  let best = -Infinity;
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let j = 0;
    for (; j + 8 <= dim; j += 8) {
      const b = base + j;
      a0 += vectors[b]! * q[j]! + vectors[b + 4]! * q[j + 4]!;
      a1 += vectors[b + 1]! * q[j + 1]! + vectors[b + 5]! * q[j + 5]!;
      a2 += vectors[b + 2]! * q[j + 2]! + vectors[b + 6]! * q[j + 6]!;
      a3 += vectors[b + 3]! * q[j + 3]! + vectors[b + 7]! * q[j + 7]!;
    }
    for (; j < dim; j++) a0 += vectors[base + j]! * q[j]!;
    const s = a0 + a1 + a2 + a3;
    if (s > best) best = s;
  }
  return best;
}

/** The k nearest rows, nearest first, with their squared euclidean distances. */
export interface Neighbours {
  rows: Int32Array;
  distances: Float64Array;
}

/** A max-heap of the k best (smallest) distances seen so far; the root is the worst kept. */
class TopK {
  readonly d: Float64Array;
  readonly r: Int32Array;
  size = 0;
  constructor(readonly k: number) {
    this.d = new Float64Array(k).fill(Infinity);
    this.r = new Int32Array(k).fill(-1);
  }
  /** The distance a row must beat to enter (Infinity until the heap is full). */
  get bound(): number {
    return this.size < this.k ? Infinity : this.d[0]!;
  }
  push(dist: number, row: number): void {
    const { d, r, k } = this;
    if (this.size < k) {
      // Sift up.
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (d[p]! >= dist) break;
        d[i] = d[p]!;
        r[i] = r[p]!;
        i = p;
      }
      d[i] = dist;
      r[i] = row;
      return;
    }
    if (dist >= d[0]!) return;
    // Replace the root and sift down.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= k) break;
      const right = left + 1;
      const c = right < k && d[right]! > d[left]! ? right : left;
      if (d[c]! <= dist) break;
      d[i] = d[c]!;
      r[i] = r[c]!;
      i = c;
    }
    d[i] = dist;
    r[i] = row;
  }
  sorted(): Neighbours {
    const order = Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => this.d[a]! - this.d[b]! || this.r[a]! - this.r[b]!,
    );
    return {
      rows: Int32Array.from(order, (i) => this.r[i]!),
      distances: Float64Array.from(order, (i) => this.d[i]!),
    };
  }
}

/** Exact top-k by squared euclidean distance: unrolled loop (4 accumulators) + a k-heap. */
export function topKEuclidean(
  vectors: Float32Array,
  dim: number,
  q: Float32Array,
  k: number,
): Neighbours {
  const n = (vectors.length / dim) | 0;
  const heap = new TopK(k);
  let bound = Infinity;
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let j = 0;
    for (; j + 8 <= dim; j += 8) {
      const b = base + j;
      const d0 = vectors[b]! - q[j]!;
      const d1 = vectors[b + 1]! - q[j + 1]!;
      const d2 = vectors[b + 2]! - q[j + 2]!;
      const d3 = vectors[b + 3]! - q[j + 3]!;
      const d4 = vectors[b + 4]! - q[j + 4]!;
      const d5 = vectors[b + 5]! - q[j + 5]!;
      const d6 = vectors[b + 6]! - q[j + 6]!;
      const d7 = vectors[b + 7]! - q[j + 7]!;
      a0 += d0 * d0 + d4 * d4;
      a1 += d1 * d1 + d5 * d5;
      a2 += d2 * d2 + d6 * d6;
      a3 += d3 * d3 + d7 * d7;
    }
    for (; j < dim; j++) {
      const dj = vectors[base + j]! - q[j]!;
      a0 += dj * dj;
    }
    const s = a0 + a1 + a2 + a3;
    if (s < bound) {
      heap.push(s, i);
      bound = heap.bound;
    }
  }
  return heap.sorted();
}

/**
 * Still exact, but a row is abandoned as soon as its partial sum (checked every 32 dimensions)
 * passes the k-th best distance so far. Same answer as topKEuclidean; faster when most rows are
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
