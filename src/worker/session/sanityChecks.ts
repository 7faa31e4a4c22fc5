// Signs that the roles say something else than the data means, each with the one-click fix
// where there is one: scores of the other class, predictions that are not their scores' decision.
import type { EvalArrays } from '../../data/prepare';
import { binaryLabels } from '../../engine/metrics';
import type { VersionMetrics } from '../../engine/overview';
import type { SanityCheck } from '../../protocol';
import { formatCount, formatMetric, formatPercent } from '../../shared/numberFormat';

/** Hanley & McNeil (1982) standard error of an AUC from the class sizes. */
export function aucStandardError(auc: number, nPos: number, nNeg: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const v = auc * (1 - auc) + (nPos - 1) * (q1 - auc * auc) + (nNeg - 1) * (q2 - auc * auc);
  return Math.sqrt(Math.max(0, v) / (nPos * nNeg));
}

// Both checks read only labels, scores and prediction columns, none of which a threshold edit
// changes (it gives an edited version a new prediction array, and such a version is skipped
// below): their counts are kept per array, so a re-analysis after an edit does not scan again.
const sizes = new WeakMap<object, WeakMap<object, { positive: number; sizes: [number, number] }>>();

function classSizes(ev: EvalArrays, score: ArrayLike<number> & object): [number, number] {
  const label = ev.label!;
  let byScore = sizes.get(label);
  if (!byScore) sizes.set(label, (byScore = new WeakMap()));
  const hit = byScore.get(score);
  if (hit?.positive === ev.positive) return hit.sizes;
  const bin = binaryLabels(label, ev.positive);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < bin.length; i++) {
    const s = score[i]!;
    if (s !== s || label[i]! < 0) continue;
    if (bin[i] === 1) pos++;
    else neg++;
  }
  byScore.set(score, { positive: ev.positive, sizes: [pos, neg] });
  return [pos, neg];
}

const pct = formatPercent;

/** ROC-AUC whose 95% interval lies below 0.5: the scores rank the other class first. */
function swappedScores(ev: EvalArrays, metrics: VersionMetrics[]): SanityCheck[] {
  if (ev.task !== 'binary' || !ev.label || ev.classes.length !== 2) return [];
  const other = ev.classes[ev.positive === 0 ? 1 : 0]!;
  const positive = ev.classes[ev.positive]!;
  return ev.versions.flatMap((v, i) => {
    const auc = metrics[i]?.auc;
    if (!v.score || auc === null || auc === undefined) return [];
    const [nPos, nNeg] = classSizes(ev, v.score);
    const high = auc + 1.96 * aucStandardError(auc, nPos, nNeg);
    if (!(high < 0.5)) return [];
    return [
      {
        message:
          `${v.name}: ROC-AUC ${formatMetric(auc)} (95% interval up to ${formatMetric(high)}) is far ` +
          `below 0.5: the scores look like P(${other}), not P(${positive}).`,
        fix: {
          kind: 'positive-class',
          positiveClass: other,
          label: `Swap the positive class to “${other}”`,
        },
      },
    ];
  });
}

const disagreements = new WeakMap<
  object,
  WeakMap<object, { positive: number; both: number; off: number }>
>();

/** Rows with a score and a prediction, and those whose prediction is not score ≥ 0.5 (kept). */
function disagreement(
  pred: Int32Array,
  score: Float32Array | Float64Array,
  positive: number,
  negative: number,
): { both: number; off: number } {
  let byScore = disagreements.get(pred);
  if (!byScore) disagreements.set(pred, (byScore = new WeakMap()));
  const hit = byScore.get(score);
  if (hit?.positive === positive) return hit;
  let both = 0;
  let off = 0;
  for (let i = 0; i < pred.length; i++) {
    const s = score[i]!;
    const p = pred[i]!;
    if (s !== s || p < 0) continue;
    both++;
    if (p !== (s >= 0.5 ? positive : negative)) off++;
  }
  const out = { positive, both, off };
  byScore.set(score, out);
  return out;
}

/** A prediction column that is not its own score thresholded at 0.5 on over 1% of rows. */
function predictionsOffScores(ev: EvalArrays, thresholds: Record<string, number>): SanityCheck[] {
  if (ev.task !== 'binary' || ev.classes.length !== 2) return [];
  const negative = ev.positive === 0 ? 1 : 0;
  return ev.versions.flatMap((v) => {
    if (!v.pred || !v.score || thresholds[v.name] !== undefined) return [];
    const { both, off } = disagreement(v.pred, v.score, ev.positive, negative);
    if (both === 0 || off / both <= 0.01) return [];
    return [
      {
        message:
          `${v.name}: the predicted class disagrees with its own score at threshold 0.5 on ` +
          `${formatCount(off)} of ${formatCount(both)} rows (${pct(off / both)}).`,
        fix: {
          kind: 'predict-from-score',
          version: v.name,
          label: `Predict ${v.name} from its score`,
        },
      },
    ];
  });
}

/** All checks on a prepared dataset (before the user's thresholds replace any prediction). */
export function sanityChecks(
  ev: EvalArrays,
  metrics: VersionMetrics[],
  thresholds: Record<string, number>,
): SanityCheck[] {
  return [...swappedScores(ev, metrics), ...predictionsOffScores(ev, thresholds)];
}
