import { type SimdScans, createSimdScans } from './simd';

/** A copy of one vector column in WebAssembly memory, with room for a query and the scores. */
export interface SimdScanner {
  scans: SimdScans;
  n: number;
  dim: number;
  /** Byte offsets in the memory: the vectors start at 0. */
  query: number;
  out: number;
}

/** Above this the copy is not made (a tab's memory; wasm32 memories stop at 4 GiB anyway). */
const MAX_BYTES = 2 ** 31;

// WebAssembly memories are not in the JS heap or its array-buffer counts, so the benchmark's
// memory figure asks for them here. Freed memories are subtracted when they are collected.
let liveBytes = 0;
const freed = new FinalizationRegistry<number>((bytes) => (liveBytes -= bytes));

/** Bytes held in WebAssembly memories for vector scans (for the memory benchmark). */
export function wasmMemoryBytes(): number {
  return liveBytes;
}

function scans(bytes: number): SimdScans {
  const made = createSimdScans(bytes);
  const size = made.memory.buffer.byteLength;
  liveBytes += size;
  freed.register(made.memory, size);
  return made;
}

// One copy per vector column, made on the first search and dropped with the column. null: the
// column cannot be scanned this way (dim not a multiple of 8, too large, or no wasm SIMD).
const scanners = new WeakMap<Float32Array, SimdScanner | null>();

/**
 * Room for n × dim vectors inside WebAssembly memory, already registered as their own scanner:
 * a column read into it is held once, and its first search copies nothing. null where the SIMD
 * scan cannot serve (then the caller allocates a plain array).
 */
export function allocateScannable(n: number, dim: number): Float32Array | null {
  const length = n * dim;
  const bytes = (length + dim + n) * 4;
  if (!(dim > 0 && dim % 8 === 0 && n > 0) || bytes > MAX_BYTES) return null;
  try {
    const made = scans(bytes);
    const values = new Float32Array(made.memory.buffer, 0, length);
    scanners.set(values, { scans: made, n, dim, query: length * 4, out: (length + dim) * 4 });
    return values;
  } catch {
    return null;
  }
}

/** The SIMD scanner of `vectors` (n × dim, row-major), or null where only the JS scan works. */
export function simdScanner(vectors: Float32Array, dim: number): SimdScanner | null {
  const cached = scanners.get(vectors);
  if (cached !== undefined) return cached;
  let made: SimdScanner | null = null;
  const n = dim > 0 ? vectors.length / dim : 0;
  const bytes = (vectors.length + dim + n) * 4;
  if (dim > 0 && dim % 8 === 0 && Number.isInteger(n) && n > 0 && bytes <= MAX_BYTES) {
    try {
      const s = scans(bytes);
      new Float32Array(s.memory.buffer, 0, vectors.length).set(vectors);
      made = { scans: s, n, dim, query: vectors.length * 4, out: (vectors.length + dim) * 4 };
    } catch {
      // No WebAssembly SIMD here, or the memory could not be had: the JS scan answers.
      made = null;
    }
  }
  scanners.set(vectors, made);
  return made;
}

/** Float32 scores of every row against `q`: squared L2 distances, or dot products. */
export function simdScores(s: SimdScanner, q: Float32Array, kind: 'l2' | 'dot'): Float32Array {
  const mem = s.scans.memory.buffer;
  new Float32Array(mem, s.query, s.dim).set(q.subarray(0, s.dim));
  s.scans[kind](0, s.n, s.dim, s.query, s.out);
  return new Float32Array(mem, s.out, s.n);
}
