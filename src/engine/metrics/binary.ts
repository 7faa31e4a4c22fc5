import { checkLengths } from './checkLengths';

/**
 * The scored rows' scores split by class (label 1 / label 0; other labels, NaN scores and
 * masked-out rows skipped), each sorted ascending. Sorting each class with the native numeric
 * typed-array sort avoids an index sort with a comparator closure; rocAuc and averagePrecision
 * then merge the two in one pass.
 */
export function scoresByClass(
  labels: Uint8Array | Int32Array,
  scores: Float32Array | Float64Array,
  mask?: Uint8Array,
): { pos: Float64Array; neg: Float64Array } {
  const n = labels.length;
  checkLengths(n, scores, mask);
  let nPos = 0;
  let nNeg = 0;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = scores[i]!;
    if (s !== s) continue;
    const l = labels[i]!;
    if (l === 1) nPos++;
    else if (l === 0) nNeg++;
  }
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = scores[i]!;
    if (s !== s) continue;
    const l = labels[i]!;
    if (l === 1) pos[p++] = s;
    else if (l === 0) neg[q++] = s;
  }
  return { pos: pos.sort(), neg: neg.sort() };
}

/**
 * Area under the ROC curve for labels 1 (positive) / 0 (negative); other label values and NaN
 * scores are skipped. Returns NaN unless both classes are present.
 *
 * Computed as the Mann–Whitney U statistic: the share of (positive, negative) pairs where the
 * positive scores higher, ties counting one half. That equals sklearn's trapezoid over distinct
 * thresholds exactly, ties included.
 */
export function rocAuc(
  labels: Uint8Array | Int32Array,
  scores: Float32Array | Float64Array,
  mask?: Uint8Array,
): number {
  const { pos, neg } = scoresByClass(labels, scores, mask);
  if (pos.length === 0 || neg.length === 0) return NaN;
  const nPos = pos.length;
  const nNeg = neg.length;

  // below = negatives strictly below s, atOrBelow = negatives <= s; their sum is twice the pairs
  // won by s (ties half), kept as an integer so the total stays exact.
  let below = 0;
  let atOrBelow = 0;
  let twiceU = 0;
  for (let j = 0; j < nPos; j++) {
    const s = pos[j]!;
    while (below < nNeg && neg[below]! < s) below++;
    while (atOrBelow < nNeg && neg[atOrBelow]! <= s) atOrBelow++;
    twiceU += below + atOrBelow;
  }
  return twiceU / (2 * nPos * nNeg);
}
