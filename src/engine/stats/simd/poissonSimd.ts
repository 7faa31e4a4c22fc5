import { resampleKey } from '../poisson';
import type { RankedScore } from '../poissonPasses';
import { MEANS_WIDTHS, kernelModule } from './kernels';

/**
 * The WebAssembly SIMD side of poissonReplicates: a copy of the inputs the kernels read (cohort
 * row indices, each proportion and mean as f64 by position, each score's rows, labels and tie
 * group ends) in one memory, made once per run and thread, and a call per block of four resample
 * pairs that writes the same replicates the JS passes would (kernels.ts says why bit for bit).
 * Statistics it takes: every proportion (an outcome > 1 becomes NaN, skipped as the JS pass skips
 * it), every mean the caller gives it, and scores of up to 2^23 rows (so every integer sum fits
 * its i32 lane). null where WebAssembly SIMD is missing or the memory cannot be had: the JS passes
 * answer.
 */

/** Resample pairs per kernel call (eight resamples: two i32x4 of weights). */
export const SIMD_PAIRS = 4;

/** Largest score a rank lane can sum exactly in i32 (weights ≤ 8: Σw ≤ 2^26, w·pa ≤ 2^29). */
export const MAX_RANK_ROWS = 2 ** 23;

const KEYS = 0;
const COLS = 16;
const OUT = 128;
const DATA = 1024;

type MeansKernel = (rows: number, total: number, cols: number, out: number) => void;
/** rank, and means1..4 / clean1..4 by name. */
type Kernels = Record<string, MeansKernel> & {
  rank: (rows: number, pos: number, ends: number, m: number, out: number) => void;
};

let module: WebAssembly.Module | null | undefined;
function kernelsModule(): WebAssembly.Module | null {
  if (module !== undefined) return module;
  try {
    const bytes = kernelModule();
    module = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    module = null;
  }
  return module;
}

/** What a SIMD plan computes: indices into the input's proportions, means and ranked scores. */
export interface SimdShare {
  proportions: number[];
  means: number[];
  ranked: number[];
}

export interface SimdTargets {
  proportions: Float64Array[];
  means: Float64Array[];
  auc: Float64Array[];
  ap: Float64Array[];
}

export interface SimdPlan {
  share: SimdShare;
  /** Replicates of pairs SIMD_PAIRS·block … +SIMD_PAIRS−1 (those below `resamples`) into `out`. */
  block(
    seed: number,
    block: number,
    resamples: number,
    out: SimdTargets,
    between: (() => Promise<void>) | null,
  ): Promise<void>;
}

const align = (x: number, a: number) => Math.ceil(x / a) * a;

/**
 * A plan for the statistics SIMD can take among those offered; null when it takes none or
 * WebAssembly SIMD is not available.
 */
export function simdPlan(
  rows: Uint32Array | null,
  n: number,
  proportions: Uint8Array[],
  means: { index: number; values: Float64Array | Float32Array }[],
  ranked: { index: number; score: RankedScore }[],
): SimdPlan | null {
  const total = rows ? rows.length : n;
  const scores = ranked.filter((r) => r.score.rows.length <= MAX_RANK_ROWS);
  // Σw per lane ≤ 8·total must stay an i32.
  const columns = total < 2 ** 27 ? proportions.length + means.length : 0;
  if (columns + scores.length === 0) return null;
  const mod = kernelsModule();
  if (!mod) return null;
  // Layout: keys, column offsets, outputs, then rows, columns and scores.
  let at = DATA;
  const rowsAt = at;
  at = align(at + 4 * (columns ? total : 0), 16);
  const colAt: number[] = [];
  for (let c = 0; c < columns; c++) {
    colAt.push(at);
    at = align(at + 8 * total, 16);
  }
  const scoreAt = scores.map(({ score }) => {
    const m = score.rows.length;
    const r = at;
    const ends = align(r + 4 * m, 16);
    const pos = align(ends + 4 * (score.groupEnd.length + 1), 16);
    at = align(pos + m, 16);
    return { rows: r, ends, pos, m };
  });
  if (at > 2 ** 31) return null;
  let kernels: Kernels;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.ceil(at / 65536) });
    kernels = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as unknown as Kernels;
  } catch {
    return null;
  }
  const buf = memory.buffer;
  const widest = MEANS_WIDTHS[MEANS_WIDTHS.length - 1]!;
  // Columns with no NaN go to the clean kernels (one Σw for all, no test per value).
  const clean = new Array<boolean>(columns).fill(true);
  if (columns) {
    const r = new Uint32Array(buf, rowsAt, total);
    if (rows) r.set(rows);
    else for (let j = 0; j < total; j++) r[j] = j;
    proportions.forEach((o, c) => {
      const out = new Float64Array(buf, colAt[c]!, total);
      for (let j = 0; j < total; j++) {
        const v = o[rows ? rows[j]! : j]!;
        out[j] = v > 1 ? NaN : v;
      }
    });
    means.forEach(({ values }, q) => {
      const out = new Float64Array(buf, colAt[proportions.length + q]!, total);
      if (rows) for (let j = 0; j < total; j++) out[j] = values[rows[j]!]!;
      else out.set(values);
    });
    colAt.forEach((a, c) => {
      const col = new Float64Array(buf, a, total);
      for (let j = 0; j < total; j++)
        if (col[j] !== col[j]) {
          clean[c] = false;
          break;
        }
    });
  }
  // Calls of up to four columns, each all clean or all not.
  const calls: { kernel: string; cols: number[] }[] = [];
  for (const kind of [true, false]) {
    const cols = clean.flatMap((x, c) => (x === kind ? [c] : []));
    for (let c0 = 0; c0 < cols.length; c0 += widest) {
      const part = cols.slice(c0, c0 + widest);
      calls.push({ kernel: `${kind ? 'clean' : 'means'}${part.length}`, cols: part });
    }
  }
  scores.forEach(({ score }, k) => {
    const a = scoreAt[k]!;
    new Uint32Array(buf, a.rows, a.m).set(score.rows);
    new Uint32Array(buf, a.ends, score.groupEnd.length).set(score.groupEnd);
    new Uint8Array(buf, a.pos, a.m).set(score.positive);
  });
  const share: SimdShare = {
    proportions: columns ? proportions.map((_, c) => c) : [],
    means: columns ? means.map((m) => m.index) : [],
    ranked: scores.map((s) => s.index),
  };
  const keys = new Int32Array(buf, KEYS, SIMD_PAIRS);
  const colTable = new Int32Array(buf, COLS, 4);
  const outI32 = new Int32Array(buf, OUT, 96);
  const outF64 = new Float64Array(buf, OUT, 48);
  const outI64 = new BigInt64Array(buf, OUT, 8);
  return {
    share,
    async block(seed, block, resamples, out, between) {
      const first = 2 * SIMD_PAIRS * block;
      for (let k = 0; k < SIMD_PAIRS; k++) keys[k] = resampleKey(seed, SIMD_PAIRS * block + k);
      // Output lane ℓ is resample first + (ℓ xor 1); lanes past the last resample are dropped.
      const lanes = (write: (lane: number, r: number) => void) => {
        for (let l = 0; l < 2 * SIMD_PAIRS; l++) {
          const r = first + (l ^ 1);
          if (r < resamples) write(l, r);
        }
      };
      const targets = [
        ...share.proportions.map((c) => out.proportions[c]!),
        ...share.means.map((c) => out.means[c]!),
      ];
      for (const call of calls) {
        if (between) await between();
        call.cols.forEach((c, q) => (colTable[q] = colAt[c]!));
        kernels[call.kernel]!(rowsAt, total, COLS, OUT);
        for (let c = 0; c < call.cols.length; c++) {
          const target = targets[call.cols[c]!]!;
          lanes((l, r) => (target[r] = outF64[12 * c + 4 + l]! / outI32[24 * c + l]!));
        }
      }
      for (let k = 0; k < scores.length; k++) {
        if (between) await between();
        const a = scoreAt[k]!;
        kernels.rank(a.rows, a.pos, a.ends, a.m, OUT);
        const index = share.ranked[k]!;
        lanes((l, r) => {
          const u = Number(outI64[l]!);
          const pa = outI32[16 + l]!;
          const na = outI32[24 + l]!;
          const s = outF64[16 + l]!;
          out.auc[index]![r] = pa > 0 && na > 0 ? u / (2 * pa * na) : NaN;
          out.ap[index]![r] = pa > 0 ? s / pa : NaN;
        });
      }
    },
  };
}
