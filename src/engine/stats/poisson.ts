/**
 * Poisson(1) bootstrap weights from a hash of (seed, resample, row): the weight of a row in a
 * resample is a pure function of the three numbers, so
 * - any pass over the rows, in any order (row order, or a version's score order), sees the same
 *   weights without storing them: the paired difference of two versions is exact pairing;
 * - the same seed gives the same intervals, whatever the block size or the cohort;
 * - a SQL backend can draw the same weights with integer arithmetic (the hash is murmur3's
 *   32-bit finalizer: xor, shift and multiply mod 2^32; each 16-bit half is a uniform looked up
 *   against the Poisson(1) CDF).
 * Poisson(1) counts approximate the multinomial resample (Hanley & MacGibbon 2006; the
 * "Poisson bootstrap"): each row is drawn independently, so resamples need no global draw.
 */

/** murmur3's fmix32: a bijection of 32-bit integers with full avalanche. */
export function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The key of resample pair j: weights of a row are the halves of fmix32(row ^ key). */
export function resampleKey(seed: number, pair: number): number {
  return fmix32((fmix32(seed | 0) ^ Math.imul(pair + 1, 0x9e3779b9)) | 0) | 0;
}

/** Largest weight drawn: P(X > 7) ≈ 1e-5 for X ~ Poisson(1) (below the 16-bit resolution). */
export const MAX_WEIGHT = 8;

/**
 * POISSON16[u] for a 16-bit uniform u: the Poisson(1) quantile of (u + ½) / 2^16, i.e. the weight k
 * with CDF(k − 1) ≤ (u + ½) / 2^16 < CDF(k). Each probability is off by under 2^−16, so the mean
 * and variance are 1 within 1e−4. One 32-bit hash gives two weights (its high and low halves).
 */
export const POISSON16 = (() => {
  const t = new Uint8Array(65536);
  const cut = new Float64Array(MAX_WEIGHT);
  let p = Math.exp(-1);
  let cdf = 0;
  for (let k = 0; k < MAX_WEIGHT; k++) {
    cdf += p;
    p /= k + 1;
    cut[k] = cdf;
  }
  for (let u = 0; u < 65536; u++) {
    const x = (u + 0.5) / 65536;
    let w = 0;
    while (w < MAX_WEIGHT && x >= cut[w]!) w++;
    t[u] = w;
  }
  return t;
})();

/**
 * The weight of `row` in `resample` (see resampleKey for the pair's key): resamples 2j and 2j+1
 * share a hash, fmix32(row ^ key(seed, j)), and take its high and low 16 bits.
 */
export function poissonWeight(seed: number, resample: number, row: number): number {
  const h = fmix32(row ^ resampleKey(seed, resample >>> 1));
  return POISSON16[resample & 1 ? h & 0xffff : h >>> 16]!;
}

/**
 * Weights of `row` for 2·pairs resamples (keys of the pairs) into out[at..at + 2·pairs): the
 * inner loop of every bootstrap pass, kept monomorphic and allocation-free.
 */
export function fillWeights(
  keys: Int32Array,
  pairs: number,
  row: number,
  out: Uint8Array,
  at: number,
): void {
  for (let r = 0; r < pairs; r++) {
    let x = row ^ keys[r]!;
    x ^= x >>> 16;
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    out[at + 2 * r] = POISSON16[x >>> 16]!;
    out[at + 2 * r + 1] = POISSON16[x & 0xffff]!;
  }
}
