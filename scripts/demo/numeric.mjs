// ---------------------------------------------------------------------------------------
// Seeded randomness and small numeric helpers
// ---------------------------------------------------------------------------------------

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rng) {
  // Box–Muller; 1 - u keeps the log argument in (0, 1].
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates over 0..n-1; only the first `k` positions are drawn (partial shuffle). */
export function permutation(n, rng, k = n) {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < Math.min(k, n - 1); i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

export function softmaxInPlace(z, off, k) {
  let m = -Infinity;
  for (let c = 0; c < k; c++) if (z[off + c] > m) m = z[off + c];
  let s = 0;
  for (let c = 0; c < k; c++) {
    z[off + c] = Math.exp(z[off + c] - m);
    s += z[off + c];
  }
  for (let c = 0; c < k; c++) z[off + c] /= s;
}

export const sigmoid = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
export const logit = (p) => Math.log(p / (1 - p));
export const pct = (x, d = 1) => `${(100 * x).toFixed(d)}%`;

/** Area under the ROC curve by ranks (ties get their mean rank). */
export function auc(scores, labels) {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const meanRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]] === 1) {
        pos++;
        rankSumPos += meanRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function binaryMetrics(scores, labels) {
  let ll = 0;
  let brier = 0;
  let correct = 0;
  let flagged = 0;
  let flagged30 = 0;
  let caught30 = 0;
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
    const y = labels[i];
    ll -= y ? Math.log(p) : Math.log(1 - p);
    brier += (p - y) ** 2;
    if ((p >= 0.5 ? 1 : 0) === y) correct++;
    if (p >= 0.5) flagged++;
    if (p >= 0.3) flagged30++;
    if (p >= 0.3 && y) caught30++;
    positives += y;
  }
  const n = scores.length;
  return {
    auc: auc(scores, labels),
    logLoss: ll / n,
    brier: brier / n,
    accuracy: correct / n,
    flaggedShare: flagged / n,
    flagged30Share: flagged30 / n,
    recall30: caught30 / positives,
    precision30: caught30 / flagged30,
  };
}

/** Solves A x = b for symmetric positive definite A (row-major, n×n) by Cholesky. */
export function choleskySolve(A, b, n) {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = i === j ? Math.sqrt(s) : s / L[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/**
 * L2-regularized logistic regression by Newton–Raphson (IRLS). X is row-major n×d with a
 * leading column of ones; the intercept (column 0) is not penalized.
 */
export function fitLogistic(X, y, n, d, lambda) {
  const beta = new Float64Array(d);
  for (let iter = 0; iter < 50; iter++) {
    const H = new Float64Array(d * d);
    const g = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const off = i * d;
      let z = 0;
      for (let j = 0; j < d; j++) z += X[off + j] * beta[j];
      const p = sigmoid(z);
      const w = p * (1 - p);
      const r = y[i] - p;
      for (let j = 0; j < d; j++) {
        const xj = X[off + j];
        if (xj === 0) continue;
        g[j] += xj * r;
        const wx = w * xj;
        for (let k = 0; k <= j; k++) H[j * d + k] += wx * X[off + k];
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) H[k * d + j] = H[j * d + k];
      if (j > 0) {
        H[j * d + j] += lambda;
        g[j] -= lambda * beta[j];
      }
    }
    const step = choleskySolve(H, g, d);
    let maxStep = 0;
    for (let j = 0; j < d; j++) {
      beta[j] += step[j];
      maxStep = Math.max(maxStep, Math.abs(step[j]));
    }
    if (maxStep < 1e-9) break;
  }
  return beta;
}

export function predictLogistic(X, n, d, beta) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += X[i * d + j] * beta[j];
    out[i] = sigmoid(z);
  }
  return out;
}

/** Eigen-decomposition of a symmetric n×n matrix by cyclic Jacobi rotations. */
export function symmetricEigen(S, n) {
  const A = Float64Array.from(S);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => A[b * n + b] - A[a * n + a] || a - b,
  );
  const values = order.map((i) => A[i * n + i]);
  // Eigenvectors as rows, sign fixed so the largest-magnitude component is positive.
  const vectors = order.map((i) => {
    const v = new Float64Array(n);
    let big = 0;
    for (let k = 0; k < n; k++) {
      v[k] = V[k * n + i];
      if (Math.abs(v[k]) > Math.abs(big)) big = v[k];
    }
    if (big < 0) for (let k = 0; k < n; k++) v[k] = -v[k];
    return v;
  });
  return { values, vectors };
}
