import type { Column, VectorColumn } from './types';
import type { RoleMapping, Task, VersionRoles } from '../shared/roles';
import { classValuesOf, encodeClasses, positiveIndex, sortClasses } from './classes';
import {
  nonFiniteWarning,
  ofKind,
  probabilitySumWarning,
  scoreRangeWarning,
  unknownClassWarning,
} from './prepareChecks';

/** What the engine needs of one version, as typed arrays over the dataset's rows. */
export interface VersionArrays {
  name: string;
  /** Predicted class codes (-1 = none); classification only. */
  pred: Int32Array | null;
  /** Binary: positive-class probability (NaN = none). */
  score: Float32Array | Float64Array | null;
  /** Class probabilities, row-major n × classes. */
  probs: Float32Array | null;
  /** Regression output. */
  yhat: Float64Array | Float32Array | null;
}

export interface EvalArrays {
  task: Task;
  n: number;
  classes: string[];
  positive: number;
  label: Int32Array | null;
  y: Float64Array | Float32Array | null;
  versions: VersionArrays[];
  warnings: string[];
}

type Lookup = (name: string | null) => Column | undefined;

function argmax(probs: Float32Array, k: number, n: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestV = -Infinity;
    for (let j = 0; j < k; j++) {
      const v = probs[i * k + j]!;
      if (v !== v) {
        // A vector with a missing probability has no argmax: no prediction, not a guess.
        best = -1;
        break;
      }
      if (v > bestV) {
        bestV = v;
        best = j;
      }
    }
    out[i] = best;
  }
  return out;
}

function stackColumns(cols: Column[], n: number): Float32Array {
  const k = cols.length;
  const out = new Float32Array(n * k);
  cols.forEach((c, j) => {
    const v = c.kind === 'numeric' ? c.values : null;
    for (let i = 0; i < n; i++) out[i * k + j] = v ? v[i]! : NaN;
  });
  return out;
}

/** Probability vectors mapped onto the class list; integer class names index the vector. */
function probsFor(
  col: VectorColumn,
  classes: string[],
  warnings: string[],
  version: string,
): Float32Array | null {
  const k = classes.length;
  if (col.dim === k) return col.values;
  warnings.push(
    `${version}: "${col.name}" has ${col.dim} probabilities per row but there are ${k} classes; probabilities are not used.`,
  );
  return null;
}

function thresholdPred(score: ArrayLike<number>, positive: number, n: number): Int32Array {
  const out = new Int32Array(n);
  const negative = positive === 0 ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const s = score[i]!;
    out[i] = s !== s ? -1 : s >= 0.5 ? positive : negative;
  }
  return out;
}

function classVersion(
  v: VersionRoles,
  get: Lookup,
  classes: string[],
  index: Map<string, number>,
  ctx: { n: number; positive: number; task: Task; warnings: string[] },
): VersionArrays {
  const { n, positive, task, warnings } = ctx;
  const probCol = ofKind(get(v.probabilities), ['vector'], v.name, warnings);
  let probs = probCol?.kind === 'vector' ? probsFor(probCol, classes, warnings, v.name) : null;
  const perClass = v.classColumns
    .map((c) => ofKind(get(c), ['numeric'], v.name, warnings))
    .filter((c): c is Column => !!c);
  if (!probs && perClass.length === classes.length && perClass.length > 0) {
    probs = stackColumns(perClass, n);
  }
  if (probs) {
    const w = probabilitySumWarning(probs, classes.length, n, v.name);
    if (w) warnings.push(w);
  }
  const scoreCol = ofKind(get(v.score), ['numeric'], v.name, warnings);
  let score: Float32Array | Float64Array | null =
    scoreCol?.kind === 'numeric' ? scoreCol.values : null;
  if (!score && probs && task === 'binary' && classes.length === 2) {
    score = new Float32Array(n);
    for (let i = 0; i < n; i++) score[i] = probs[i * 2 + positive]!;
  }
  const predCol = ofKind(get(v.prediction), ['numeric', 'string', 'boolean'], v.name, warnings);
  let pred = predCol ? encodeClasses(predCol, index) : null;
  if (!pred && probs) pred = argmax(probs, classes.length, n);
  const thresholded = !pred && !!score && task === 'binary';
  if (!pred && score && task === 'binary') pred = thresholdPred(score, positive, n);
  if (score && task === 'binary') {
    const w = scoreRangeWarning(score, v.name, thresholded);
    if (w) warnings.push(w);
  }
  return { name: v.name, pred, score, probs, yhat: null };
}

/** The classes, in order: the label's and the predictions' values (and probability indices). */
function classList(labelCol: Column | undefined, get: Lookup, m: RoleMapping): string[] {
  const values: string[] = labelCol ? classValuesOf(labelCol) : [];
  for (const v of m.versions) {
    const p = get(v.prediction);
    if (p && p.kind !== 'vector') values.push(...classValuesOf(p));
  }
  const dimOf = (c: Column | undefined) => (c?.kind === 'vector' ? c.dim : 0);
  const maxDim = Math.max(0, ...m.versions.map((v) => dimOf(get(v.probabilities))));
  let classes = sortClasses(values);
  // Integer class names index probability vectors, so 0..k-1 must all be present.
  if (maxDim > classes.length && classes.every((c) => /^\d+$/.test(c) && Number(c) < maxDim)) {
    classes = Array.from({ length: maxDim }, (_, j) => String(j));
  }
  if (m.task === 'binary' && classes.length < 2)
    classes = sortClasses([...classes, '0', '1']).slice(0, 2);
  return classes;
}

/** The classes a mapping gives and its positive class, without preparing anything else. */
export function classesOf(
  columns: Column[],
  m: RoleMapping,
): { classes: string[]; positiveClass: string | null } {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const get: Lookup = (name) => (name ? byName.get(name) : undefined);
  const label = get(m.label);
  const classes = classList(label?.kind === 'vector' ? undefined : label, get, m);
  const positive = m.task === 'binary' ? classes[positiveIndex(classes, m.positiveClass)] : null;
  return { classes, positiveClass: positive ?? null };
}

/** Resolves the role mapping into typed arrays the engine reads. */
export function prepareEval(columns: Column[], n: number, m: RoleMapping): EvalArrays {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const get: Lookup = (name) => (name ? byName.get(name) : undefined);
  const warnings: string[] = [];
  const labelCol = ofKind(get(m.label), ['numeric', 'string', 'boolean'], 'The label', warnings);
  if (m.task === 'regression') {
    const y = labelCol?.kind === 'numeric' ? labelCol.values : null;
    if (labelCol && !y)
      warnings.push(
        `The label "${labelCol.name}" is not numeric, so regression metrics cannot be computed.`,
      );
    if (y) {
      const w = nonFiniteWarning(y, `The label "${labelCol!.name}"`);
      if (w) warnings.push(w);
    }
    const versions = m.versions.map((v) => {
      const c = ofKind(get(v.prediction) ?? get(v.score), ['numeric'], v.name, warnings);
      const w = c?.kind === 'numeric' ? nonFiniteWarning(c.values, v.name) : null;
      if (w) warnings.push(w);
      return {
        name: v.name,
        pred: null,
        score: null,
        probs: null,
        yhat: c?.kind === 'numeric' ? c.values : null,
      };
    });
    return { task: m.task, n, classes: [], positive: -1, label: null, y, versions, warnings };
  }
  const classes = classList(labelCol, get, m);
  if (m.task === 'binary' && classes.length > 2) {
    warnings.push(`The label has ${classes.length} classes, not 2: switch the task to multiclass.`);
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const positive = positiveIndex(classes, m.positiveClass);
  const label = labelCol ? encodeClasses(labelCol, index) : null;
  const ctx = { n, positive, task: m.task, warnings };
  const versions = m.versions.map((v) => classVersion(v, get, classes, index, ctx));
  for (const v of versions) {
    // In a binary task both classes exist by definition: predicting one the label lacks is normal.
    const w =
      label && v.pred && m.task === 'multiclass'
        ? unknownClassWarning(v.pred, label, classes, v.name)
        : null;
    if (w) warnings.push(w);
  }
  return { task: m.task, n, classes, positive, label, y: null, versions, warnings };
}
