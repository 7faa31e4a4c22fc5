/** mulberry32: a small seeded PRNG, so samples (and so results) repeat run to run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to `max` of the given rows, chosen uniformly with a seeded partial shuffle, in row order. */
export function sampleRows<T extends Int32Array | Uint32Array>(
  rows: T,
  max: number,
  seed: number,
): T {
  if (rows.length <= max) return rows;
  const pool = rows.slice() as T;
  const rand = mulberry32(seed);
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
