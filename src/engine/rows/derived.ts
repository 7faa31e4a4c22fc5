import type { EvalArrays, VersionArrays } from '../../data/prepare';
import type { Column, NumericColumn, StringColumn } from '../../data/types';

/**
 * Role-derived columns the rows table can show and sort like any other: per version, whether it
 * is correct, its confidence, the probability of the true class; per pair of consecutive
 * versions, how the outcome flipped. Materialized once per role mapping (a few typed arrays).
 */
export interface DerivedColumn {
  key: string;
  label: string;
  column: Column;
  /** Show as a percentage. */
  percent: boolean;
  /** Sort order of a string column's dictionary when it is not alphabetical. */
  rank: Int32Array | null;
}

/** Outcome words of a flip column, in the order its sort puts first the rows that got worse. */
export const FLIP_WORDS = [
  'correct → wrong',
  'wrong → correct',
  'wrong → wrong (changed)',
  'wrong → wrong (same)',
  'correct → correct',
] as const;

function strings(name: string, dictionary: string[], codes: Int32Array): StringColumn {
  return { kind: 'string', name, dictionary, codes };
}

function numbers(name: string, values: Float32Array | Float64Array): NumericColumn {
  return { kind: 'numeric', name, values, integral: false };
}

/** Probability the version gives to class code `codes[i]` (NaN when either is missing). */
function probOf(probs: Float32Array, codes: Int32Array, k: number): Float32Array {
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    out[i] = c < 0 ? NaN : probs[i * k + c]!;
  }
  return out;
}

function correctness(label: Int32Array, pred: Int32Array): Int32Array {
  const out = new Int32Array(label.length);
  for (let i = 0; i < out.length; i++) {
    const l = label[i]!;
    const p = pred[i]!;
    out[i] = l < 0 || p < 0 ? -1 : l === p ? 0 : 1;
  }
  return out;
}

function flipCodes(label: Int32Array, a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(label.length);
  for (let i = 0; i < out.length; i++) {
    const l = label[i]!;
    const x = a[i]!;
    const y = b[i]!;
    if (l < 0 || x < 0 || y < 0) out[i] = -1;
    else if (x === l) out[i] = y === l ? 4 : 0;
    else out[i] = y === l ? 1 : x !== y ? 2 : 3;
  }
  return out;
}

function absError(y: ArrayLike<number>, yhat: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.abs(yhat[i]! - y[i]!);
  return out;
}

const IDENTITY5 = Int32Array.from(FLIP_WORDS, (_, j) => j);

/** Whether a version's role is already a column of the file (then it is not derived again). */
export type HasColumn = (version: string, role: 'prediction' | 'score') => boolean;

function versionColumns(ev: EvalArrays, v: VersionArrays, has: HasColumn): DerivedColumn[] {
  const out: DerivedColumn[] = [];
  const k = ev.classes.length;
  const str = (key: string, label: string, dictionary: string[], codes: Int32Array) =>
    out.push({
      key: `:${key}:${v.name}`,
      label,
      column: strings(label, dictionary, codes),
      percent: false,
      rank: null,
    });
  const num = (key: string, label: string, values: Float32Array | Float64Array, percent = true) =>
    out.push({
      key: `:${key}:${v.name}`,
      label,
      column: numbers(label, values),
      percent,
      rank: null,
    });
  if (ev.task === 'regression') {
    if (ev.y && v.yhat) num('abserr', `${v.name} |error|`, absError(ev.y, v.yhat), false);
    return out;
  }
  if (v.pred && !has(v.name, 'prediction')) str('pred', `${v.name} predicted`, ev.classes, v.pred);
  if (v.pred && ev.label) {
    str('correct', `${v.name} correct?`, ['correct', 'wrong'], correctness(ev.label, v.pred));
  }
  if (ev.task === 'binary' && v.score && !has(v.name, 'score')) {
    num('score', `${v.name} score`, v.score);
  }
  if (ev.task === 'multiclass' && v.probs && v.pred) {
    num('conf', `${v.name} p(predicted)`, probOf(v.probs, v.pred, k));
  }
  if (ev.task === 'multiclass' && v.probs && ev.label) {
    num('ptrue', `${v.name} p(label)`, probOf(v.probs, ev.label, k));
  }
  return out;
}

/** Every derived column for the prepared roles. */
export function derivedColumns(ev: EvalArrays, has: HasColumn): DerivedColumn[] {
  const out = ev.versions.flatMap((v) => versionColumns(ev, v, has));
  if (ev.task === 'regression' || !ev.label) return out;
  for (let j = 1; j < ev.versions.length; j++) {
    const a = ev.versions[j - 1]!;
    const b = ev.versions[j]!;
    if (!a.pred || !b.pred) continue;
    out.push({
      key: `:flip:${a.name}:${b.name}`,
      label: `${a.name} → ${b.name}`,
      column: strings(
        `${a.name} → ${b.name}`,
        [...FLIP_WORDS],
        flipCodes(ev.label, a.pred, b.pred),
      ),
      percent: false,
      rank: IDENTITY5,
    });
  }
  return out;
}
