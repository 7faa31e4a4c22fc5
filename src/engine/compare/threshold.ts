import { checkLengths } from '../metrics/checkLengths';

type Floats = Float32Array | Float64Array;
type Labels01 = Uint8Array | Int32Array;

export interface ThresholdStats {
  threshold: number;
  /** Rows with a score; alerts are rows among them with score ≥ threshold. */
  n: number;
  alerts: number;
  alertRate: number;
  /** Counts over rows that also have a 0/1 label. */
  labelled: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** tp / (tp + fn), fp / (fp + tn), tp / (tp + fp): NaN when the denominator is 0. */
  tpr: number;
  fpr: number;
  precision: number;
}

/**
 * Operating point of one score at a threshold: a row is flagged when score ≥ threshold
 * (scikit-learn's convention). NaN scores are skipped; rows without a 0/1 label still count
 * towards alerts but not towards TP/FP/TN/FN.
 */
export function thresholdStats(
  labels01: Labels01,
  score: Floats,
  threshold: number,
  mask?: Uint8Array,
): ThresholdStats {
  checkLengths(labels01.length, score, mask);
  let n = 0;
  let alerts = 0;
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < score.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = score[i]!;
    if (s !== s) continue;
    n++;
    const flagged = s >= threshold;
    if (flagged) alerts++;
    const l = labels01[i]!;
    if (l === 1) {
      if (flagged) tp++;
      else fn++;
    } else if (l === 0) {
      if (flagged) fp++;
      else tn++;
    }
  }
  return statsOfCounts(threshold, n, alerts, tp, fp, tn, fn);
}

/** The rates of an operating point from its counts (a rate of an empty denominator is NaN). */
export function statsOfCounts(
  threshold: number,
  n: number,
  alerts: number,
  tp: number,
  fp: number,
  tn: number,
  fn: number,
): ThresholdStats {
  const ratio = (x: number, d: number) => (d > 0 ? x / d : NaN);
  return {
    threshold,
    n,
    alerts,
    alertRate: ratio(alerts, n),
    labelled: tp + fp + tn + fn,
    tp,
    fp,
    tn,
    fn,
    tpr: ratio(tp, tp + fn),
    fpr: ratio(fp, fp + tn),
    precision: ratio(tp, tp + fp),
  };
}

export interface MatchedOperatingPoint {
  by: 'fpr' | 'alerts';
  /** The threshold chosen for the other version; NaN when nothing could be matched. */
  threshold: number;
  /** Both versions' stats over the same rows (see matchOperatingPoint). */
  base: ThresholdStats;
  other: ThresholdStats;
  /** Baseline's false positives (by 'fpr') or alerts (by 'alerts'), and the other's at the match. */
  target: number;
  achieved: number;
}

/**
 * The threshold for the other version at which its FPR (by 'fpr') or its alert volume
 * (by 'alerts') is closest to the baseline's at thrBase. Both versions are measured on the same
 * rows: both scores present, and for 'fpr' also a 0/1 label, so equal FPR means equal false
 * positive counts and the match is done in exact integers. Candidates are the distinct values of
 * the other score on those rows; the smallest |difference| wins and ties go to the higher
 * threshold (fewer alerts). A target of 0 may be unreachable (the top candidate still flags its
 * own rows); `achieved` says what was reached.
 */
export function matchOperatingPoint(
  labels01: Labels01,
  scoreBase: Floats,
  thrBase: number,
  scoreOther: Floats,
  by: 'fpr' | 'alerts',
  mask?: Uint8Array,
): MatchedOperatingPoint {
  const len = labels01.length;
  checkLengths(len, scoreBase, mask);
  checkLengths(len, scoreOther, undefined);
  const rows = new Uint8Array(len);
  let m = 0;
  for (let i = 0; i < len; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    if (scoreBase[i] !== scoreBase[i] || scoreOther[i] !== scoreOther[i]) continue;
    const l = labels01[i]!;
    if (by === 'fpr' && l !== 0 && l !== 1) continue;
    rows[i] = 1;
    m++;
  }
  const base = thresholdStats(labels01, scoreBase, thrBase, rows);
  const target = by === 'fpr' ? base.fp : base.alerts;
  // Scores of the rows that count towards the target (negatives for 'fpr'), and all candidates.
  const counted = new Float64Array(by === 'fpr' ? base.fp + base.tn : m);
  const cands = new Float64Array(m);
  let c = 0;
  let j = 0;
  for (let i = 0; i < len; i++) {
    if (rows[i] === 0) continue;
    const s = scoreOther[i]!;
    cands[j++] = s;
    if (by === 'alerts' || labels01[i] === 0) counted[c++] = s;
  }
  cands.sort();
  counted.sort();
  // Sweep candidates from the top; `above` = counted rows with score ≥ the candidate.
  let best = NaN;
  let bestDiff = Infinity;
  let achieved = NaN;
  let above = 0;
  let p = counted.length - 1;
  for (let k = m - 1; k >= 0; k--) {
    const t = cands[k]!;
    if (k < m - 1 && cands[k + 1] === t) continue;
    while (p >= 0 && counted[p]! >= t) {
      above++;
      p--;
    }
    // `above` only grows as t falls: once past the target by more than the best miss, stop.
    if (above - target > bestDiff) break;
    const diff = Math.abs(above - target);
    if (diff < bestDiff) {
      bestDiff = diff;
      best = t;
      achieved = above;
    }
  }
  const other = thresholdStats(labels01, scoreOther, best, rows);
  return { by, threshold: best, base, other, target, achieved };
}
