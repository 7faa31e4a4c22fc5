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

/**
 * A scanner with fresh memory for n × dim vectors (at byte 0), then the query, then one score
 * per row; null when the SIMD scan cannot serve (dim not a multiple of 8, too large, or no
 * WebAssembly SIMD here or no memory to be had: then the JS scan answers).
 */
function newScanner(n: number, dim: number): SimdScanner | null {
  const length = n * dim;
  const bytes = (length + dim + n) * 4;
  if (!(dim > 0 && dim % 8 === 0 && Number.isInteger(n) && n > 0) || bytes > MAX_BYTES) return null;
  try {
    const scans = createSimdScans(bytes);
    const size = scans.memory.buffer.byteLength;
    liveBytes += size;
    freed.register(scans.memory, size);
    return { scans, n, dim, query: length * 4, out: (length + dim) * 4 };
  } catch {
    return null;
  }
}

/** The vectors' part of a scanner's memory. */
const vectorsOf = (s: SimdScanner) => new Float32Array(s.scans.memory.buffer, 0, s.n * s.dim);

// One scanner per vector column, made on the first search (or when the column is read into
// one) and dropped with the column; null: the column cannot be scanned this way.
const scanners = new WeakMap<Float32Array, SimdScanner | null>();

/**
 * Room for n × dim vectors inside WebAssembly memory, already registered as their own scanner:
 * a column read into it is held once, and its first search copies nothing. null where the SIMD
 * scan cannot serve (then the caller allocates a plain array).
 */
export function allocateScannable(n: number, dim: number): Float32Array | null {
  const s = newScanner(n, dim);
  if (!s) return null;
  const values = vectorsOf(s);
  scanners.set(values, s);
  return values;
}

/** The SIMD scanner of `vectors` (n × dim, row-major), or null where only the JS scan works. */
export function simdScanner(vectors: Float32Array, dim: number): SimdScanner | null {
  const cached = scanners.get(vectors);
  if (cached !== undefined) return cached;
  const s = dim > 0 ? newScanner(vectors.length / dim, dim) : null;
  if (s) vectorsOf(s).set(vectors);
  scanners.set(vectors, s);
  return s;
}

/** Float32 scores of every row against `q`: squared L2 distances, or dot products. */
export function simdScores(s: SimdScanner, q: Float32Array, kind: 'l2' | 'dot'): Float32Array {
  const mem = s.scans.memory.buffer;
  new Float32Array(mem, s.query, s.dim).set(q.subarray(0, s.dim));
  s.scans[kind](0, s.n, s.dim, s.query, s.out);
  return new Float32Array(mem, s.out, s.n);
}
