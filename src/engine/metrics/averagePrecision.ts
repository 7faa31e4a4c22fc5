import { scoresByClass } from './binary';

/**
 * Average precision (PR-AUC) with scikit-learn's step definition: AP = Σ_n (R_n − R_{n−1})·P_n
 * over the distinct score thresholds in descending order, a row counting as flagged when its
 * score is ≥ the threshold. Unlike the trapezoid it never interpolates between operating points,
 * so tied scores enter as one step. Labels 1 (positive) / 0; other labels and NaN scores are
 * skipped. NaN without positives (sklearn returns 0 with a warning; undefined is more honest).
 */
export function averagePrecision(
  labels: Uint8Array | Int32Array,
  scores: Float32Array | Float64Array,
  mask?: Uint8Array,
): number {
  const { pos, neg } = scoresByClass(labels, scores, mask);
  const nPos = pos.length;
  const nNeg = neg.length;
  if (nPos === 0) return NaN;
  // As in rocAuc: one merge from the top score down.
  let i = nPos - 1;
  let j = nNeg - 1;
  let sum = 0;
  while (i >= 0) {
    // Next threshold: the largest score not yet passed, from either class.
    const t = j >= 0 && neg[j]! > pos[i]! ? neg[j]! : pos[i]!;
    let gp = 0;
    while (i >= 0 && pos[i] === t) {
      gp++;
      i--;
    }
    while (j >= 0 && neg[j] === t) j--;
    // tp = positives ≥ t, fp = negatives ≥ t; a threshold adding no positive adds no recall.
    const tp = nPos - 1 - i;
    const fp = nNeg - 1 - j;
    if (gp > 0) sum += (gp * tp) / (tp + fp);
  }
  return sum / nPos;
}
