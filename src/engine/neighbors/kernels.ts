// Inner loops of exact kNN: unrolled by 8 with 4 accumulators so the adds pipeline instead of
// waiting on one dependency chain (see shared PERFORMANCE.md: ~2.5x a naive loop).

/** Dot product of row `base` (offset into `v`) with `q`. */
export function dotAt(v: Float32Array, base: number, q: Float32Array, dim: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let j = 0;
  for (; j + 8 <= dim; j += 8) {
    const b = base + j;
    a0 += v[b]! * q[j]! + v[b + 4]! * q[j + 4]!;
    a1 += v[b + 1]! * q[j + 1]! + v[b + 5]! * q[j + 5]!;
    a2 += v[b + 2]! * q[j + 2]! + v[b + 6]! * q[j + 6]!;
    a3 += v[b + 3]! * q[j + 3]! + v[b + 7]! * q[j + 7]!;
  }
  for (; j < dim; j++) a0 += v[base + j]! * q[j]!;
  return a0 + a1 + a2 + a3;
}

/** Squared euclidean distance of row `base` to `q`. */
export function sqDistAt(v: Float32Array, base: number, q: Float32Array, dim: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let j = 0;
  for (; j + 8 <= dim; j += 8) {
    const b = base + j;
    const d0 = v[b]! - q[j]!;
    const d1 = v[b + 1]! - q[j + 1]!;
    const d2 = v[b + 2]! - q[j + 2]!;
    const d3 = v[b + 3]! - q[j + 3]!;
    const d4 = v[b + 4]! - q[j + 4]!;
    const d5 = v[b + 5]! - q[j + 5]!;
    const d6 = v[b + 6]! - q[j + 6]!;
    const d7 = v[b + 7]! - q[j + 7]!;
    a0 += d0 * d0 + d4 * d4;
    a1 += d1 * d1 + d5 * d5;
    a2 += d2 * d2 + d6 * d6;
    a3 += d3 * d3 + d7 * d7;
  }
  for (; j < dim; j++) {
    const dj = v[base + j]! - q[j]!;
    a0 += dj * dj;
  }
  return a0 + a1 + a2 + a3;
}

/** Euclidean norm of each row; NaN when the row has a NaN (a null row), so scans skip it. */
export function rowNorms(v: Float32Array, dim: number): Float64Array {
  const n = dim > 0 ? (v.length / dim) | 0 : 0;
  const out = new Float64Array(n);
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const x = v[base + j]!;
      s += x * x;
    }
    out[i] = Math.sqrt(s);
  }
  return out;
}
