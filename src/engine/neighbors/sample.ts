import { Xoshiro128 } from '../stats/prng';

/** A seeded uniform [0, 1) source (the engine's one PRNG), so samples repeat run to run. */
export function seededRandom(seed: number): () => number {
  const rng = new Xoshiro128(seed);
  return () => rng.nextFloat();
}

/** Up to `max` of the given rows, chosen uniformly with a seeded partial shuffle, in row order. */
export function sampleRows<T extends Int32Array | Uint32Array>(
  rows: T,
  max: number,
  seed: number,
): T {
  if (rows.length <= max) return rows;
  const pool = rows.slice() as T;
  const rand = seededRandom(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rand() * (pool.length - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.subarray(0, max).sort() as T;
}

/** Rows with mask = 1 (all rows for a null mask) whose norm is not NaN (not a null vector). */
export function validRows(norms: Float64Array, mask: Uint8Array | null): Int32Array {
  const n = norms.length;
  let count = 0;
  for (let i = 0; i < n; i++)
    if ((mask === null || mask[i] === 1) && norms[i] === norms[i]) count++;
  const out = new Int32Array(count);
  let p = 0;
  for (let i = 0; i < n; i++)
    if ((mask === null || mask[i] === 1) && norms[i] === norms[i]) out[p++] = i;
  return out;
}
