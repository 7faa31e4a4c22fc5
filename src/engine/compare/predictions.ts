/**
 * Binary class codes from a score at a threshold (score ≥ threshold → positive code, else the
 * negative code, NaN → −1), so flips, confusion shifts and transitions follow a per-version
 * threshold control instead of the fixed 0.5 of data/prepare.
 */
export function thresholdPredictions(
  score: Float32Array | Float64Array,
  threshold: number,
  positive: number,
  negative: number,
): Int32Array {
  const out = new Int32Array(score.length);
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    out[i] = s !== s ? -1 : s >= threshold ? positive : negative;
  }
  return out;
}
