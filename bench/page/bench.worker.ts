// The bench page's compute worker: kNN kernels over seeded vectors, and the cohort kernels over
// columns read from a generated Arrow file (the same columns DuckDB-WASM gets, as IPC).
import * as Comlink from 'comlink';
import { type Table, tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { dotScan, topKEuclideanEarlyAbandon, topKNaive } from '../kernels/knn';
import { nearest } from '../../src/engine/neighbors/knn';
import { rowNorms } from '../../src/engine/neighbors/kernels';
import { seededRandom } from '../../src/engine/neighbors/sample';
import { TopK } from '../../src/engine/neighbors/topk';
import { type SimdScans, createSimdScans } from '../../src/engine/neighbors/simd';
import {
  type RangeAndSet,
  confusionPair,
  confusionPairFused,
  evaluateMask,
} from '../kernels/confusion';

let vectors: Float32Array | null = null;
let dimension = 0;
/** The vectors live in this module's memory: [vectors | query | distances]. */
let simd: { scans: SimdScans; q: number; out: number } | null = null;

interface Columns {
  n: number;
  label: Int32Array;
  pred1: Int32Array;
  pred2: Int32Array;
  x: Float32Array | Float64Array;
  cat: Int32Array;
  catDictionary: string[];
}
let cols: Columns | null = null;
let mask: Uint8Array | null = null;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

function int32Column(t: Table, name: string): Int32Array {
  const v = t.getChild(name);
  if (!v) throw new Error(`no column ${name}`);
  return v.toArray() as Int32Array;
}

/** Dictionary codes of every batch, concatenated (file format: one dictionary for all batches). */
function dictionaryCodes(t: Table, name: string): { codes: Int32Array; dictionary: string[] } {
  const v = t.getChild(name);
  if (!v) throw new Error(`no column ${name}`);
  const codes = new Int32Array(v.length);
  let row = 0;
  for (const d of v.data) {
    codes.set((d.values as Int32Array).subarray(0, d.length), row);
    row += d.length;
  }
  const dict = v.data[0]?.dictionary;
  const dictionary = dict ? Array.from({ length: dict.length }, (_, i) => String(dict.get(i))) : [];
  return { codes, dictionary };
}

export interface CohortSpec {
  lo: number;
  hi: number;
  /** Category names of f_cat0 in the set. */
  categories: string[];
}

function toRangeAndSet(c: CohortSpec, dictionary: string[]): RangeAndSet {
  const allowed = new Uint8Array(dictionary.length);
  for (const name of c.categories) {
    const code = dictionary.indexOf(name);
    if (code >= 0) allowed[code] = 1;
  }
  return { lo: c.lo, hi: c.hi, allowed };
}

const api = {
  /** n × dim float32 vectors around 64 seeded centres (clustered, like real embeddings). */
  knnSetup(n: number, dim: number, seed: number): { ms: number; bytes: number } {
    const t0 = performance.now();
    vectors = null;
    simd = null;
    const rand = seededRandom(seed);
    const centres = Array.from({ length: 64 }, () =>
      Float32Array.from({ length: dim }, () => rand() * 2 - 1),
    );
    const vecBytes = n * dim * 4;
    const scans = createSimdScans(vecBytes + dim * 4 + n * 4);
    simd = { scans, q: vecBytes, out: vecBytes + dim * 4 };
    const v = new Float32Array(scans.memory.buffer, 0, n * dim);
    for (let i = 0; i < n; i++) {
      const c = centres[Math.floor(rand() * centres.length)]!;
      for (let j = 0; j < dim; j++) v[i * dim + j] = c[j]! + 0.5 * (rand() * 2 - 1);
    }
    vectors = v;
    dimension = dim;
    return { ms: performance.now() - t0, bytes: v.byteLength };
  },

  /**
   * Per rep (a different query row each time): the plain scan, the exact top-10 (unrolled +
   * heap) and the early-abandon variant, interleaved so machine noise hits all three alike.
   */
  knnRun(reps: number, k: number, seed: number, check: boolean) {
    if (!vectors) throw new Error('knnSetup first');
    const v = vectors;
    const dim = dimension;
    const n = v.length / dim;
    const norms = rowNorms(v, dim);
    const rand = seededRandom(seed);
    const scan: number[] = [];
    const topk: number[] = [];
    const early: number[] = [];
    const simdScan: number[] = [];
    const simdTopk: number[] = [];
    let simdMismatches = 0;
    const sm = simd;
    if (!sm) throw new Error('knnSetup first');
    const qView = new Float32Array(sm.scans.memory.buffer, sm.q, dim);
    const outView = new Float32Array(sm.scans.memory.buffer, sm.out, n);
    let sink = 0;
    let checked = false;
    const js: number[] = [];
    // The engine copies the column into WebAssembly memory on its first search: timed apart.
    let t0 = performance.now();
    nearest(v, dim, norms, v.slice(0, dim), { k, metric: 'euclidean' });
    const first = performance.now() - t0;
    for (let r = 0; r < reps; r++) {
      const row = Math.floor(rand() * n);
      const q = v.slice(row * dim, (row + 1) * dim);
      let t = performance.now();
      sink += dotScan(v, dim, q);
      scan.push(performance.now() - t);
      t = performance.now();
      // The app's exact kNN (euclidean), what the embedding view runs: SIMD scan + exact re-rank.
      const a = nearest(v, dim, norms, q, { k, metric: 'euclidean' });
      topk.push(performance.now() - t);
      t0 = performance.now();
      const plain = nearest(v, dim, norms, q, { k, metric: 'euclidean', simd: false });
      js.push(performance.now() - t0);
      if (plain.rows.join() !== a.rows.join() || plain.distances.join() !== a.distances.join())
        throw new Error(`SIMD kNN differs from the JS scan at row ${row}`);
      t = performance.now();
      const b = topKEuclideanEarlyAbandon(v, dim, q, k);
      early.push(performance.now() - t);
      qView.set(q);
      t = performance.now();
      sm.scans.dot(0, n, dim, sm.q, sm.out);
      simdScan.push(performance.now() - t);
      sink += outView[row]!;
      t = performance.now();
      sm.scans.l2(0, n, dim, sm.q, sm.out);
      // The same bounded heap the engine uses, over the float32 distances.
      const heap = new TopK(k);
      for (let i = 0; i < n; i++) if (outView[i]! < heap.bound) heap.push(outView[i]!, i);
      const c = heap.sorted().rows;
      simdTopk.push(performance.now() - t);
      // float32 accumulation may order near-ties differently from the double-precision JS.
      if (c.join() !== a.rows.join()) simdMismatches++;
      if (a.rows[0] !== row || b.rows.join() !== a.rows.join())
        throw new Error(`kNN mismatch at query row ${row}: ${a.rows.join()} vs ${b.rows.join()}`);
      if (check && r === 0) {
        const ref = topKNaive(v, dim, q, k);
        if (ref.rows.join() !== a.rows.join())
          throw new Error(`kNN differs from the full sort: ${a.rows.join()} vs ${ref.rows.join()}`);
        checked = true;
      }
      sink += a.distances[k - 1]!;
    }
    return { scan, topk, js, first, early, simdScan, simdTopk, simdMismatches, checked, sink };
  },

  knnFree(): void {
    vectors = null;
    simd = null;
  },

  /**
   * Reads a generated file (File from the page), keeps label / pred_v1 / pred_v2 / f_num0 /
   * f_cat0 as typed arrays, and returns the same five columns as an Arrow IPC stream for DuckDB
   * (f_cat0 as its Int32 dictionary codes, so both engines filter integer codes).
   */
  async load(file: File) {
    const t0 = performance.now();
    cols = null;
    mask = null;
    let table: Table | null = tableFromIPC(new Uint8Array(await file.arrayBuffer()));
    const t1 = performance.now();
    const { codes, dictionary } = dictionaryCodes(table, 'f_cat0');
    const xv = table.getChild('f_num0');
    if (!xv) throw new Error('no column f_num0');
    const c: Columns = {
      n: table.numRows,
      label: int32Column(table, 'label'),
      pred1: int32Column(table, 'pred_v1'),
      pred2: int32Column(table, 'pred_v2'),
      x: xv.toArray() as Float32Array,
      cat: codes,
      catDictionary: dictionary,
    };
    table = null; // let the file's bytes go
    cols = c;
    mask = new Uint8Array(c.n);
    const ipc = tableToIPC(
      tableFromArrays({
        label: c.label,
        pred_v1: c.pred1,
        pred_v2: c.pred2,
        f_num0: c.x,
        f_cat0: c.cat,
      }),
      'stream',
    );
    const t2 = performance.now();
    return Comlink.transfer(
      {
        rows: c.n,
        dictionary,
        ipc,
        readMs: t1 - t0,
        prepareMs: t2 - t1,
      },
      [ipc.buffer],
    );
  },

  /**
   * The floor of opening a file, for open-to-interactive: read all its bytes in a worker
   * (File.arrayBuffer) and parse the IPC (tableFromIPC: zero-copy views), nothing else.
   */
  async readFloor(file: File) {
    const t0 = performance.now();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const t1 = performance.now();
    const table = tableFromIPC(bytes);
    const t2 = performance.now();
    return { readMs: t1 - t0, parseMs: t2 - t1, totalMs: t2 - t0, rows: table.numRows };
  },

  /** One cohort update as the engine would do it: mask, then both confusion matrices. */
  confusion(spec: CohortSpec) {
    if (!cols || !mask) throw new Error('load first');
    const c = cols;
    const t0 = performance.now();
    const rs = toRangeAndSet(spec, c.catDictionary);
    const size = evaluateMask(c.x, c.cat, rs, mask);
    const t1 = performance.now();
    const cm1 = new Float64Array(100);
    const cm2 = new Float64Array(100);
    confusionPair(c.label, c.pred1, c.pred2, 10, mask, cm1, cm2);
    const t2 = performance.now();
    return { size, cm1, cm2, maskMs: t1 - t0, matricesMs: t2 - t1, computeMs: t2 - t0 };
  },

  /** The fused single pass (no mask kept), timed inside the worker. */
  confusionFused(spec: CohortSpec) {
    if (!cols) throw new Error('load first');
    const c = cols;
    const t0 = performance.now();
    const cm1 = new Float64Array(100);
    const cm2 = new Float64Array(100);
    const size = confusionPairFused(
      c.label,
      c.pred1,
      c.pred2,
      10,
      c.x,
      c.cat,
      toRangeAndSet(spec, c.catDictionary),
      cm1,
      cm2,
    );
    return { size, cm1, cm2, computeMs: performance.now() - t0 };
  },

  median,
};

export type BenchWorkerApi = typeof api;
Comlink.expose(api);
