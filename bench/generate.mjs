#!/usr/bin/env node
// Seeded synthetic evaluation sets for the benchmarks, written as uncompressed Arrow IPC files
// (file format, record batches of 256k rows) to bench/data/ (gitignored).
//
//   node bench/generate.mjs                 # 100k, 1m, 10m
//   node bench/generate.mjs --sizes=100k,1m [--force]
//
// Columns: id (Int64), label (Int32, 10 classes), pred_v1 / pred_v2 (Int32, ~75% / ~80%
// accurate, errors correlated with each other and with f_num0 / f_cat0 so cohorts matter),
// probs_v1 / probs_v2 (FixedSizeList<Float32>[10], argmax = the prediction; NOT written at 10M
// rows, to keep the file and the browser's memory sane), 20 features (f_num0..8 Float32/Float64,
// f_cnt0..3 Int32 counts, f_cat0..5 Dictionary<Int32, Utf8> with 5..500 categories, f_flag Bool)
// and embedding (FixedSizeList<Float32>[128], only at <= 1M rows).
// Generation streams batch by batch: at most one batch of typed arrays is alive at a time.
import {
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Bool,
  Dictionary,
  Field,
  Float32,
  Float64,
  FixedSizeList,
  Int32,
  Int64,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Utf8,
  makeData,
  vectorFromArray,
} from 'apache-arrow';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(HERE, 'data');
export const SIZES = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };
export const CLASSES = 10;
const BATCH = 262_144;
const EMBED_DIM = 128;
const SEED = 20240611;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
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

function normal(rand) {
  // Box–Muller; one value per call is enough here.
  const u = rand() || 1e-12;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export const CATEGORY_COUNTS = [5, 12, 40, 100, 250, 500];
const NUMERIC_TYPES = ['f32', 'f64', 'f32', 'f64', 'f32', 'f32', 'f64', 'f32', 'f64'];

export function fileFor(size) {
  return join(DATA_DIR, `eval_${size}.arrow`);
}

/** What a size's file holds (the 10M file drops the probabilities and the embedding). */
export function layout(rows) {
  return { probs: rows < 10_000_000, embedding: rows <= 1_000_000 };
}

function makeSchema(rows, dictionaries) {
  const { probs, embedding } = layout(rows);
  const f = (name, type) => new Field(name, type, false);
  const list = (n) => new FixedSizeList(n, new Field('item', new Float32(), false));
  const fields = [f('id', new Int64()), f('label', new Int32())];
  fields.push(f('pred_v1', new Int32()), f('pred_v2', new Int32()));
  if (probs) fields.push(f('probs_v1', list(CLASSES)), f('probs_v2', list(CLASSES)));
  NUMERIC_TYPES.forEach((t, j) =>
    fields.push(f(`f_num${j}`, t === 'f32' ? new Float32() : new Float64())),
  );
  for (let j = 0; j < 4; j++) fields.push(f(`f_cnt${j}`, new Int32()));
  dictionaries.forEach((d, j) => fields.push(f(`f_cat${j}`, d.type)));
  fields.push(f('f_flag', new Bool()));
  if (embedding) fields.push(f('embedding', list(EMBED_DIM)));
  return new Schema(
    fields,
    new Map([['workbench.description', `Synthetic benchmark set, ${rows} rows (seed ${SEED})`]]),
  );
}

/**
 * The bytes of the columns' values as the file holds them (no IPC framing): what an ideal
 * in-memory representation would need. Dictionaries count their codes plus their strings.
 */
export function rawColumnBytes(rows) {
  const { probs, embedding } = layout(rows);
  let perRow = 8 + 4 + 4 + 4; // id, label, pred_v1, pred_v2
  if (probs) perRow += 2 * CLASSES * 4;
  perRow += NUMERIC_TYPES.reduce((s, t) => s + (t === 'f32' ? 4 : 8), 0);
  perRow += 4 * 4 + CATEGORY_COUNTS.length * 4; // counts, dictionary codes
  if (embedding) perRow += EMBED_DIM * 4;
  const dictionaryBytes = CATEGORY_COUNTS.reduce((s, k) => s + k * 6, 0);
  return rows * perRow + Math.ceil(rows / 8) + dictionaryBytes;
}

function makeDictionaries() {
  return CATEGORY_COUNTS.map((k, j) => {
    const dictionary = vectorFromArray(
      Array.from({ length: k }, (_, c) => `c${j}_${String(c).padStart(3, '0')}`),
      new Utf8(),
    );
    return { type: new Dictionary(new Utf8(), new Int32(), j, false), dictionary, k };
  });
}

/** Probabilities whose argmax is `pred`, confidence higher when the prediction is right. */
function fillProbs(out, base, pred, right, rand) {
  let p = right ? 0.45 + 0.5 * rand() : 0.3 + 0.4 * rand();
  let sum = 0;
  for (let c = 0; c < CLASSES; c++) {
    const w = c === pred ? 0 : rand() ** 2;
    out[base + c] = w;
    sum += w;
  }
  const rest = 1 - p;
  let maxOther = 0;
  let maxAt = -1;
  for (let c = 0; c < CLASSES; c++) {
    if (c === pred) continue;
    const v = (out[base + c] / sum) * rest;
    out[base + c] = v;
    if (v > maxOther) {
      maxOther = v;
      maxAt = c;
    }
  }
  if (maxOther > p) {
    out[base + maxAt] = p;
    p = maxOther;
  }
  out[base + pred] = p;
}

function wrongClass(label, rand) {
  // Structured confusions: the "next" class is the usual mistake.
  if (rand() < 0.45) return (label + 1) % CLASSES;
  const k = 1 + Math.floor(rand() * (CLASSES - 1));
  return (label + k) % CLASSES;
}

function generateBatch(rows, start, n, rand, ctx) {
  const { probs: withProbs, embedding: withEmbedding } = layout(rows);
  const id = new BigInt64Array(n);
  const label = new Int32Array(n);
  const pred1 = new Int32Array(n);
  const pred2 = new Int32Array(n);
  const probs1 = withProbs ? new Float32Array(n * CLASSES) : null;
  const probs2 = withProbs ? new Float32Array(n * CLASSES) : null;
  const nums = NUMERIC_TYPES.map((t) => (t === 'f32' ? new Float32Array(n) : new Float64Array(n)));
  const cnts = Array.from({ length: 4 }, () => new Int32Array(n));
  const cats = CATEGORY_COUNTS.map(() => new Int32Array(n));
  const flag = new Uint8Array(Math.ceil(n / 8));
  const emb = withEmbedding ? new Float32Array(n * EMBED_DIM) : null;

  for (let i = 0; i < n; i++) {
    id[i] = BigInt(start + i + 1);
    // Mildly imbalanced labels.
    const l = Math.min(CLASSES - 1, Math.floor(CLASSES * rand() ** 1.15));
    label[i] = l;
    for (let j = 0; j < nums.length; j++) {
      const z = normal(rand);
      nums[j][i] =
        j === 0 ? z + 0.15 * l : j === 1 ? Math.exp(z) : j === 2 ? rand() * 100 : z * (1 + j);
    }
    for (let j = 0; j < 4; j++) {
      // Geometric counts with different means.
      const mean = [1, 4, 20, 200][j];
      cnts[j][i] = Math.floor(Math.log(rand() || 1e-12) / Math.log(mean / (mean + 1)));
    }
    for (let j = 0; j < cats.length; j++) {
      const k = CATEGORY_COUNTS[j];
      // Zipf-ish: low codes are common.
      cats[j][i] = Math.min(k - 1, Math.floor(k * rand() ** 2));
    }
    if (rand() < 0.3) flag[i >> 3] |= 1 << (i & 7);

    // Error rates that depend on the features (so some cohorts are worse) and on each other.
    const hard = 0.12 * Math.tanh(nums[0][i]) + ctx.catShift[cats[0][i]];
    const e1 = Math.min(0.95, Math.max(0.02, 0.23 + hard));
    const e2 = Math.min(0.95, Math.max(0.02, 0.175 + hard * 1.2));
    const shared = rand();
    const u1 = rand() < 0.6 ? shared : rand();
    const u2 = rand() < 0.6 ? shared : rand();
    const r1 = u1 >= e1;
    const r2 = u2 >= e2;
    const w = wrongClass(l, rand);
    pred1[i] = r1 ? l : w;
    pred2[i] = r2 ? l : !r1 && rand() < 0.5 ? w : wrongClass(l, rand);
    if (probs1) fillProbs(probs1, i * CLASSES, pred1[i], r1, rand);
    if (probs2) fillProbs(probs2, i * CLASSES, pred2[i], r2, rand);
    if (emb) {
      const c = ctx.centers[l];
      const b = i * EMBED_DIM;
      for (let d = 0; d < EMBED_DIM; d++) emb[b + d] = c[d] + 0.6 * (rand() * 2 - 1);
    }
  }

  const schema = ctx.schema;
  const data = (type, values) => makeData({ type, length: n, nullCount: 0, data: values });
  const list = (type, values, dim) =>
    makeData({
      type,
      length: n,
      nullCount: 0,
      child: makeData({ type: new Float32(), length: n * dim, nullCount: 0, data: values }),
    });
  const children = [];
  for (const field of schema.fields) {
    const name = field.name;
    if (name === 'id') children.push(data(field.type, id));
    else if (name === 'label') children.push(data(field.type, label));
    else if (name === 'pred_v1') children.push(data(field.type, pred1));
    else if (name === 'pred_v2') children.push(data(field.type, pred2));
    else if (name === 'probs_v1') children.push(list(field.type, probs1, CLASSES));
    else if (name === 'probs_v2') children.push(list(field.type, probs2, CLASSES));
    else if (name.startsWith('f_num')) children.push(data(field.type, nums[Number(name.slice(5))]));
    else if (name.startsWith('f_cnt')) children.push(data(field.type, cnts[Number(name.slice(5))]));
    else if (name.startsWith('f_cat')) {
      const j = Number(name.slice(5));
      children.push(
        makeData({
          type: field.type,
          length: n,
          nullCount: 0,
          data: cats[j],
          dictionary: ctx.dictionaries[j].dictionary,
        }),
      );
    } else if (name === 'f_flag') children.push(data(field.type, flag));
    else if (name === 'embedding') children.push(list(field.type, emb, EMBED_DIM));
    else throw new Error(`no generator for ${name}`);
  }
  const struct = makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children });
  return new RecordBatch(schema, struct);
}

/** Writes one size's file unless it exists; returns its path. */
export async function generate(size, { force = false, log = console.log } = {}) {
  const rows = SIZES[size];
  if (!rows) throw new Error(`unknown size ${size} (known: ${Object.keys(SIZES).join(', ')})`);
  const path = fileFor(size);
  if (existsSync(path) && !force) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const rand = mulberry32(SEED);
  const dictionaries = makeDictionaries();
  const centers = Array.from({ length: CLASSES }, () =>
    Float32Array.from({ length: EMBED_DIM }, () => normal(rand)),
  );
  const catShift = Float64Array.from(
    { length: CATEGORY_COUNTS[0] },
    (_, c) => [-0.08, -0.03, 0, 0.05, 0.14][c] ?? 0,
  );
  const ctx = { schema: makeSchema(rows, dictionaries), dictionaries, centers, catShift };

  const tmp = `${path}.partial`;
  const fd = openSync(tmp, 'w');
  const writer = new RecordBatchFileWriter();
  const pump = (async () => {
    for await (const chunk of writer) writeSync(fd, chunk);
  })();
  const t0 = performance.now();
  const queue = () => writer._sink?._values ?? [];
  for (let start = 0; start < rows; start += BATCH) {
    const n = Math.min(BATCH, rows - start);
    writer.write(generateBatch(rows, start, n, rand, ctx));
    // Let the pump drain this batch's buffers before the next one is made.
    while (queue().length > 0) await new Promise((r) => setImmediate(r));
    log(
      `  ${size}: ${Math.min(rows, start + n).toLocaleString('en-US')} / ${rows.toLocaleString('en-US')} rows`,
    );
  }
  writer.finish(); // writes the footer and closes the queue; the pump drains the rest
  await pump;
  closeSync(fd);
  renameSync(tmp, path);
  const mb = statSync(path).size / 2 ** 20;
  log(
    `  wrote ${path} (${mb.toFixed(0)} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return path;
}

function parseArgs(argv) {
  const out = { sizes: Object.keys(SIZES), force: false };
  for (const a of argv) {
    if (a.startsWith('--sizes=')) out.sizes = a.slice(8).split(',').filter(Boolean);
    else if (a === '--force') out.force = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { sizes, force } = parseArgs(process.argv.slice(2));
  for (const s of sizes) {
    console.log(`generating ${s}…`);
    await generate(s, { force });
  }
}
