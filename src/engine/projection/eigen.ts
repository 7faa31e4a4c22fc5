import { seededRandom } from '../neighbors/sample';

/** Eigen-decomposition of a small symmetric p × p matrix (cyclic Jacobi), values descending. */
export function jacobiEigen(
  a: Float64Array,
  p: number,
): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += m[i * p + j]! ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = m[i * p + j]!;
        if (Math.abs(aij) < 1e-300) continue;
        const theta = (m[j * p + j]! - m[i * p + i]!) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const mki = m[k * p + i]!;
          const mkj = m[k * p + j]!;
          m[k * p + i] = c * mki - s * mkj;
          m[k * p + j] = s * mki + c * mkj;
        }
        for (let k = 0; k < p; k++) {
          const mik = m[i * p + k]!;
          const mjk = m[j * p + k]!;
          m[i * p + k] = c * mik - s * mjk;
          m[j * p + k] = s * mik + c * mjk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i]!;
          const vkj = v[k * p + j]!;
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  const order = Array.from({ length: p }, (_, i) => i).sort(
    (x, y) => m[y * p + y]! - m[x * p + x]!,
  );
  const values = Float64Array.from(order, (i) => m[i * p + i]!);
  const vectors = new Float64Array(p * p);
  // Column i of the result is eigenvector order[i].
  order.forEach((src, dst) => {
    for (let k = 0; k < p; k++) vectors[k * p + dst] = v[k * p + src]!;
  });
  return { values, vectors };
}

/**
 * Orthonormalizes the p columns of the d × p matrix `w` in place: Gram–Schmidt run twice per
 * column (once is not enough when columns are nearly dependent); a column with nothing left
 * (rank < p) restarts at random.
 */
function orthonormalize(w: Float64Array, d: number, p: number, rand: () => number): void {
  const norm = (c: number) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += w[k * p + c]! ** 2;
    return Math.sqrt(s);
  };
  for (let c = 0; c < p; c++) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = norm(c);
      for (let pass = 0; pass < 2; pass++) {
        for (let prev = 0; prev < c; prev++) {
          let dot = 0;
          for (let k = 0; k < d; k++) dot += w[k * p + c]! * w[k * p + prev]!;
          for (let k = 0; k < d; k++) w[k * p + c]! -= dot * w[k * p + prev]!;
        }
      }
      const after = norm(c);
      if (before > 0 && after > 1e-10 * before) {
        for (let k = 0; k < d; k++) w[k * p + c]! /= after;
        break;
      }
      for (let k = 0; k < d; k++) w[k * p + c] = rand() - 0.5;
    }
  }
}

/**
 * The top `k` eigenpairs of a symmetric d × d matrix: subspace iteration on a block of
 * p = min(d, k + 4) seeded random vectors with a Rayleigh–Ritz step, so convergence goes as
 * λ(p+1)/λ(k) rather than the power method's λ(2)/λ(1). Vectors are returned as k rows of d.
 */
export function topEigen(
  c: Float64Array,
  d: number,
  k: number,
  seed = 1,
  maxIter = 300,
): { values: Float64Array; vectors: Float64Array } {
  const p = Math.min(d, k + 4);
  const rand = seededRandom(seed);
  let v: Float64Array = Float64Array.from({ length: d * p }, () => rand() - 0.5);
  orthonormalize(v, d, p, rand);
  const w = new Float64Array(d * p);
  let values: Float64Array = new Float64Array(p);
  let prev: Float64Array = new Float64Array(0);
  for (let iter = 0; iter < maxIter; iter++) {
    w.fill(0);
    for (let r = 0; r < d; r++) {
      for (let s = 0; s < d; s++) {
        const crs = c[r * d + s]!;
        if (crs === 0) continue;
        for (let j = 0; j < p; j++) w[r * p + j]! += crs * v[s * p + j]!;
      }
    }
    // Rayleigh–Ritz on span(v): H = vᵀ C v = vᵀ w.
    const h = new Float64Array(p * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let r = 0; r < d; r++) s += v[r * p + i]! * w[r * p + j]!;
        h[i * p + j] = s;
      }
    const eig = jacobiEigen(h, p);
    values = eig.values;
    const ritz = new Float64Array(d * p);
    for (let r = 0; r < d; r++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i < p; i++) s += v[r * p + i]! * eig.vectors[i * p + j]!;
        ritz[r * p + j] = s;
      }
    const top = ritz.slice();
    if (p === d || converged(prev, top, d, p, k)) {
      v = top;
      break;
    }
    prev = top;
    // Next block: C times the Ritz vectors, re-orthonormalized.
    for (let r = 0; r < d; r++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i < p; i++) s += w[r * p + i]! * eig.vectors[i * p + j]!;
        v[r * p + j] = s;
      }
    orthonormalize(v, d, p, rand);
  }
  const vectors = new Float64Array(k * d);
  for (let j = 0; j < k; j++) for (let r = 0; r < d; r++) vectors[j * d + r] = v[r * p + j] ?? 0;
  return { values: values.slice(0, k), vectors };
}

function converged(
  prev: Float64Array,
  cur: Float64Array,
  d: number,
  p: number,
  k: number,
): boolean {
  if (prev.length === 0) return false;
  for (let j = 0; j < k; j++) {
    let dot = 0;
    for (let r = 0; r < d; r++) dot += prev[r * p + j]! * cur[r * p + j]!;
    if (1 - Math.abs(dot) > 1e-13) return false;
  }
  return true;
}
