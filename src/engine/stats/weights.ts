import { sampleBinomial } from './binomial';
import type { Xoshiro128 } from './prng';

/** Units per block: 2^14 counts (64 KB) stay in L2 while their draws land. */
const BLOCK_BITS = 14;
const BLOCK = 1 << BLOCK_BITS;

/**
 * Multinomial bootstrap counts: `size` rows drawn uniformly with replacement from units
 * 0..size−1, written as counts into weights[0..size). Exact, but cache-friendly: scattering a
 * million increments over the whole array misses cache on nearly every draw, so each block of
 * units first gets its binomial share of the draws (conditional on the blocks before it, which
 * is exactly the multinomial's block marginal) and the draws then land inside the block.
 * `chunk` is scratch for random numbers (its length is the batch size).
 */
export function drawMultinomialWeights(
  rng: Xoshiro128,
  weights: Uint32Array,
  size: number,
  chunk: Uint32Array,
): void {
  weights.fill(0, 0, size);
  let trialsLeft = size;
  let unitsLeft = size;
  for (let start = 0; start < size; start += BLOCK) {
    const bs = Math.min(BLOCK, size - start);
    const t = bs === unitsLeft ? trialsLeft : sampleBinomial(rng, trialsLeft, bs / unitsLeft);
    trialsLeft -= t;
    unitsLeft -= bs;
    if (bs === BLOCK) scatterFull(rng, weights, start, t, chunk);
    else scatterPartial(rng, weights, start, bs, t);
  }
}

/** t uniform draws into a full block: the top 14 bits of a 32-bit draw are exactly uniform. */
function scatterFull(
  rng: Xoshiro128,
  weights: Uint32Array,
  start: number,
  t: number,
  chunk: Uint32Array,
): void {
  const shift = 32 - BLOCK_BITS;
  for (let done = 0; done < t; done += chunk.length) {
    const len = Math.min(chunk.length, t - done);
    rng.fillU32(chunk, len);
    for (let k = 0; k < len; k++) weights[start + (chunk[k]! >>> shift)]!++;
  }
}

/**
 * t uniform draws into a block of bs < 2^14 units: top bits for the next power of two, redrawing
 * values past bs (no modulo bias; under two draws each on average). Runs once per resample.
 */
function scatterPartial(
  rng: Xoshiro128,
  weights: Uint32Array,
  start: number,
  bs: number,
  t: number,
): void {
  // A shift by 32 would be a shift by 0 in JS, hence at least one bit.
  const shift = 32 - Math.max(1, 32 - Math.clz32(bs - 1));
  for (let k = 0; k < t; k++) {
    let idx = rng.nextU32() >>> shift;
    while (idx >= bs) idx = rng.nextU32() >>> shift;
    weights[start + idx]!++;
  }
}
