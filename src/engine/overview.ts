import { binaryLabels, confusionMatrices, regressionSummary, summaryOfMatrix } from './metrics';
import { rankedScore } from './compare/scoreIndex';
import { rankEstimate } from './stats/poissonBootstrap';

// 0/1 labels per label array and positive class: the same array each time, so the ranked rows
// (cached per labels, score and mask) are reused when thresholds or cohorts are re-evaluated.
const binaries = new WeakMap<Int32Array, { positive: number; bin: Uint8Array }>();
function binaryOf(label: Int32Array, positive: number): Uint8Array {
  const hit = binaries.get(label);
  if (hit?.positive === positive) return hit.bin;
  const bin = binaryLabels(label, positive);
  binaries.set(label, { positive, bin });
  return bin;
}

// Whole-dataset confusion matrices per (labels, predictions): a threshold edit gives only the
// edited version a new prediction array (worker/session/thresholds.ts), so the re-analysis counts
// that version alone. Cohort masks are made anew for each analysis and are not kept.
const wholeMatrices = new WeakMap<
  Int32Array,
  WeakMap<Int32Array, { k: number; cm: Float64Array }>
>();

function matricesOf(label: Int32Array, preds: Int32Array[], k: number, mask?: Uint8Array) {
  if (mask) return confusionMatrices(label, preds, k, mask);
  let byPred = wholeMatrices.get(label);
  if (!byPred) wholeMatrices.set(label, (byPred = new WeakMap()));
  const kept = byPred;
  const missing = preds.filter((p) => kept.get(p)?.k !== k);
  // The missing ones in shared passes over the label (confusionMatrices pairs them).
  confusionMatrices(label, missing, k).forEach((cm, i) => kept.set(missing[i]!, { k, cm }));
  return preds.map((p) => kept.get(p)!.cm);
}

/** The inputs the headline metrics need: parallel typed arrays over the dataset's rows. */
export interface OverviewInput {
  task: 'binary' | 'multiclass' | 'regression';
  n: number;
  classes: string[];
  positive: number;
  label: Int32Array | null;
  y: Float64Array | Float32Array | null;
  versions: {
    name: string;
    pred: Int32Array | null;
    score: Float32Array | Float64Array | null;
    yhat: Float64Array | Float32Array | null;
  }[];
}

export interface VersionMetrics {
  version: string;
  /** Rows with both a label and this version's output. */
  evaluated: number;
  accuracy: number | null;
  macroF1: number | null;
  auc: number | null;
  mae: number | null;
  rmse: number | null;
}

/**
 * Each version's headline metrics on the whole dataset, or on the rows of a cohort mask.
 * `matrices` (one per version with predictions, in order) are the confusion matrices over those
 * rows when the caller already counted them (the fused cohort pass, engine/cohort/fused.ts).
 */
export function computeOverview(
  input: OverviewInput,
  mask?: Uint8Array,
  matrices?: Float64Array[],
): VersionMetrics[] {
  const { task, label, y } = input;
  const blank = { accuracy: null, macroF1: null, auc: null, mae: null, rmse: null };
  if (task === 'regression') {
    return input.versions.map((v) => {
      if (!y || !v.yhat) return { version: v.name, evaluated: 0, ...blank };
      const r = regressionSummary(y, v.yhat, mask);
      return { version: v.name, evaluated: r.n, ...blank, mae: r.mae, rmse: r.rmse };
    });
  }
  const bin = task === 'binary' && label ? binaryOf(label, input.positive) : null;
  const k = input.classes.length;
  const withPred = input.versions.flatMap((v) => (v.pred ? [v.pred] : []));
  // All versions' matrices in shared passes over the label and the mask.
  const cms = matrices ?? (label ? matricesOf(label, withPred, k, mask) : []);
  return input.versions.map((v) => {
    const out: VersionMetrics = { version: v.name, evaluated: 0, ...blank };
    const cm = v.pred ? cms[withPred.indexOf(v.pred)] : undefined;
    if (cm) {
      const s = summaryOfMatrix(cm, k);
      Object.assign(out, { evaluated: s.n, accuracy: s.accuracy, macroF1: s.macroF1 });
    }
    if (bin && v.score) {
      // Each score's sorted index (built once) walked over the mask: no sort per call.
      const auc = rankEstimate(rankedScore(bin, v.score, mask)).auc;
      out.auc = Number.isNaN(auc) ? null : auc;
    }
    return out;
  });
}
