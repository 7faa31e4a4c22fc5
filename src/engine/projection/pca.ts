import { topEigen } from './eigen';
import { sampleRows } from '../neighbors/sample';

export interface Pca2 {
  /** x, y per row (2n); NaN for rows with a NaN (null vectors). */
  coords: Float32Array;
  /** The two principal axes, 2 rows of dim, each flipped so its largest loading is positive. */
  components: Float64Array;
  /** Share of the total variance along each axis. */
  explained: [number, number];
  /** Rows that have a vector. */
  valid: number;
  /** Rows the axes were fitted on (all valid rows, or a sample of them). */
  fitted: number;
  /** The mean the rows are centred on before projecting (a position is Σ (v_j − mean_j) · axis_j). */
  mean: Float64Array;
}

const BLOCK = 64;

/** Rows with no NaN (rows with a NaN are null vectors). */
export function completeRows(v: Float32Array, dim: number): Int32Array {
  const n = dim > 0 ? (v.length / dim) | 0 : 0;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += v[base + j]!;
    if (s === s) out[k++] = i;
  }
  return out.slice(0, k);
}

/**
 * Sample covariance (n − 1) and mean of the given rows, in one pass. Rows go through in blocks
 * of 64, transposed, so each entry of the d × d matrix takes a 64-long dot product in registers
 * instead of a load and a store per row (the rank-1 update is memory-bound).
 */
export function covariance(
  v: Float32Array,
  dim: number,
  rows: Int32Array,
  onProgress?: (done: number, total: number) => void,
): { cov: Float64Array; mean: Float64Array } {
  const c = new Float64Array(dim * dim);
  const sum = new Float64Array(dim);
  const blk = new Float64Array(dim * BLOCK);
  const count = rows.length;
  // Shifting by one row keeps Σyyᵀ − n·ȳȳᵀ accurate when the data sit far from the origin.
  const shift = count ? v.slice(rows[0]! * dim, rows[0]! * dim + dim) : new Float32Array(dim);
  for (let start = 0; start < count; start += BLOCK) {
    const m = Math.min(BLOCK, count - start);
    for (let b = 0; b < m; b++) {
      const base = rows[start + b]! * dim;
      for (let j = 0; j < dim; j++) {
        const y = v[base + j]! - shift[j]!;
        blk[j * BLOCK + b] = y;
        sum[j]! += y;
      }
    }
    for (let b = m; b < BLOCK; b++) for (let j = 0; j < dim; j++) blk[j * BLOCK + b] = 0;
    for (let j = 0; j < dim; j++) {
      const oj = j * BLOCK;
      for (let l = j; l < dim; l++) {
        const ol = l * BLOCK;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        for (let b = 0; b < BLOCK; b += 4) {
          a0 += blk[oj + b]! * blk[ol + b]!;
          a1 += blk[oj + b + 1]! * blk[ol + b + 1]!;
          a2 += blk[oj + b + 2]! * blk[ol + b + 2]!;
          a3 += blk[oj + b + 3]! * blk[ol + b + 3]!;
        }
        c[j * dim + l]! += a0 + a1 + a2 + a3;
      }
    }
    if (onProgress && (start / BLOCK) % 256 === 0) onProgress(start, count);
  }
  const mean = new Float64Array(dim);
  for (let j = 0; j < dim; j++) mean[j] = count ? sum[j]! / count : 0;
  const denom = Math.max(1, count - 1);
  for (let j = 0; j < dim; j++)
    for (let l = j; l < dim; l++) {
      const val = (c[j * dim + l]! - count * mean[j]! * mean[l]!) / denom;
      c[j * dim + l] = val;
      c[l * dim + j] = val;
    }
  for (let j = 0; j < dim; j++) mean[j]! += shift[j]!;
  return { cov: c, mean };
}

/** Flips an axis so its largest-magnitude loading is positive: a stable, documented orientation. */
function orient(a: Float64Array): void {
  let best = 0;
  for (let j = 1; j < a.length; j++) if (Math.abs(a[j]!) > Math.abs(a[best]!)) best = j;
  if (a[best]! < 0) for (let j = 0; j < a.length; j++) a[j] = -a[j]!;
}

/** Rows the axes are fitted on at most; above it, a seeded sample (every row is projected). */
export const PCA_FIT_ROWS = 50_000;

/**
 * PCA to two dimensions for any number of rows; deterministic for a given seed. Above
 * `maxFit` rows the axes come from a seeded sample of rows (the top two axes of 50k rows
 * match the full data's closely, at a fraction of the d² work per row); all rows are projected.
 */
export function pca2(
  v: Float32Array,
  dim: number,
  seed = 1,
  onProgress?: (done: number, total: number) => void,
  maxFit = PCA_FIT_ROWS,
): Pca2 {
  const n = dim > 0 ? (v.length / dim) | 0 : 0;
  const complete = completeRows(v, dim);
  const fitRows = sampleRows(complete, maxFit, seed);
  const { cov, mean } = covariance(v, dim, fitRows, onProgress);
  const count = complete.length;
  let trace = 0;
  for (let j = 0; j < dim; j++) trace += cov[j * dim + j]!;
  const axes = [new Float64Array(dim), new Float64Array(dim)] as const;
  const explained: [number, number] = [0, 0];
  if (trace > 0) {
    const eig = topEigen(cov, dim, Math.min(2, dim), seed);
    for (let a = 0; a < Math.min(2, dim); a++) {
      const axis = axes[a]!;
      axis.set(eig.vectors.subarray(a * dim, (a + 1) * dim));
      orient(axis);
      explained[a] = Math.max(0, eig.values[a]!) / trace;
    }
  } else {
    // No variance: every row is the same point; any axes will do.
    if (dim > 0) axes[0][0] = 1;
    if (dim > 1) axes[1][1] = 1;
  }
  const coords = new Float32Array(2 * n);
  const [a0, a1] = axes;
  for (let i = 0, base = 0; i < n; i++, base += dim) {
    let x = 0;
    let yy = 0;
    for (let j = 0; j < dim; j++) {
      const d = v[base + j]! - mean[j]!;
      x += d * a0[j]!;
      yy += d * a1[j]!;
    }
    coords[2 * i] = x;
    coords[2 * i + 1] = yy;
  }
  const components = new Float64Array(2 * dim);
  components.set(a0, 0);
  components.set(a1, dim);
  return { coords, components, explained, valid: count, fitted: fitRows.length, mean };
}
