// Checks on role columns while preparing engine inputs: a column of the wrong kind is left out,
// and values that make a metric mean something else than it says are named in a warning.
import type { Column, ColumnKind } from './types';
import { formatCount } from '../shared/numberFormat';

const KIND_NAMES: Record<ColumnKind, string> = {
  numeric: 'a numeric column',
  string: 'a text column',
  boolean: 'a boolean column',
  timestamp: 'a timestamp column',
  vector: 'a list (vector) column',
  binary: 'a binary (image) column',
};

/** The column when it has one of the kinds a role needs; otherwise a warning and undefined. */
export function ofKind(
  col: Column | undefined,
  kinds: ColumnKind[],
  role: string,
  warnings: string[],
): Column | undefined {
  if (!col || kinds.includes(col.kind)) return col;
  warnings.push(`${role}: "${col.name}" is ${KIND_NAMES[col.kind]}, so it is not used.`);
  return undefined;
}

const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

/** Rows whose probabilities (all present) do not sum to 1 within 1e-3, or hold negatives. */
export function probabilitySumWarning(
  probs: Float32Array,
  k: number,
  n: number,
  what: string,
): string | null {
  let bad = 0;
  let first = -1;
  let firstSum = 0;
  let complete = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let negative = false;
    let missing = false;
    for (let j = 0; j < k; j++) {
      const v = probs[i * k + j]!;
      if (v !== v) missing = true;
      if (v < 0) negative = true;
      sum += v;
    }
    if (missing) continue;
    complete++;
    if (negative || !(Math.abs(sum - 1) <= 1e-3)) {
      if (bad++ === 0) {
        first = i;
        firstSum = sum;
      }
    }
  }
  if (bad === 0) return null;
  return (
    `${what}: the class probabilities do not sum to 1 in ${formatCount(bad)} of ${formatCount(complete)} rows ` +
    `(row ${first} sums to ${fmt(firstSum)}): they are not probabilities (scores or logits?); ` +
    'the predicted class is still the largest.'
  );
}

/** A binary score outside [0, 1] (or infinite) is not a probability: 0.5 is no threshold. */
export function scoreRangeWarning(
  score: ArrayLike<number>,
  what: string,
  thresholded: boolean,
): string | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < score.length; i++) {
    const v = score[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min < 0 || max > 1)) return null;
  const use = thresholded
    ? 'ROC-AUC uses it as a ranking, but predicting by a threshold (0.5 unless set) assumes a probability'
    : 'ROC-AUC uses it as a ranking';
  return `${what}: scores range from ${fmt(min)} to ${fmt(max)}, outside [0, 1]: ${use}.`;
}

/** Predicted classes the label never takes: they count as errors, which is right but worth saying. */
export function unknownClassWarning(
  pred: Int32Array,
  label: Int32Array,
  classes: string[],
  what: string,
): string | null {
  const inLabel = new Uint8Array(classes.length);
  let labelled = false;
  for (let i = 0; i < label.length; i++) {
    const l = label[i]!;
    if (l >= 0) {
      inLabel[l] = 1;
      labelled = true;
    }
  }
  if (!labelled) return null;
  const extra = new Set<number>();
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i]!;
    if (p >= 0 && !inLabel[p]) extra.add(p);
  }
  if (extra.size === 0) return null;
  const names = [...extra].sort((a, b) => a - b).map((c) => classes[c]!);
  const shown =
    names.slice(0, 5).join(', ') + (names.length > 5 ? `, … ${names.length} in all` : '');
  return `${what} predicts classes the label never has (${shown}); they count as errors.`;
}

/** Infinite values make MAE/RMSE infinite (or NaN for ∞ − ∞): say so instead of just showing it. */
export function nonFiniteWarning(values: ArrayLike<number>, what: string): string | null {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === Infinity || v === -Infinity) count++;
  }
  return count === 0
    ? null
    : `${what} has ${count} infinite values: error metrics over them are infinite or undefined.`;
}
