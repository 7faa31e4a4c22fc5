// Which unversioned columns could be the label, judged by their values against the predictions':
// teams call the label churned, malignant or progression far more often than `label`.
import { classValuesOf } from './classes';
import { type RoleMapping, type Task, featureColumns } from '../shared/roles';
import type { Column, ColumnInfo } from './types';

export interface LabelCandidate {
  column: string;
  /** Why its values fit, in words ("boolean, like pred_v1"). */
  why: string;
  /** The task the dataset has with this column as its label. */
  task: Task;
}

// Judged from the column's facts before its values: this runs over every column of a wide file.
const binaryValued = (c: Column, f: ColumnInfo | undefined) =>
  c.kind === 'boolean' ||
  (c.kind === 'numeric' && !!f?.integral && f.min !== null && f.min >= 0 && f.max! <= 1);
/** Few enough distinct values to be classes (checked before reading any value). */
const fewValues = (f: ColumnInfo | undefined, k: number) => (f?.distinct ?? Infinity) <= 2 * k + 2;

/** Share of the smaller value set found in the other (1 when one holds the other). */
function overlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(b);
  return a.filter((v) => set.has(v)).length / Math.min(a.length, b.length);
}

type Match = (c: Column, f: ColumnInfo | undefined) => LabelCandidate | null;

/** What a label must look like to go with this version's outputs; null when nothing decides. */
function matcherFor(m: RoleMapping, byName: Map<string, Column>): Match | null {
  const v = m.versions[0];
  if (!v) return null;
  const pred = v.prediction ? byName.get(v.prediction) : undefined;
  const out = (c: Column, why: string, task: Task) => ({ column: c.name, why, task });
  if (pred?.kind === 'boolean')
    return (c, f) =>
      binaryValued(c, f) ? out(c, `true/false, like ${pred.name}`, 'binary') : null;
  if (pred?.kind === 'numeric' && !pred.integral)
    return (c) =>
      c.kind === 'numeric' && !c.integral
        ? out(c, `numbers, like ${pred.name}`, 'regression')
        : null;
  if (pred?.kind === 'string' || (pred?.kind === 'numeric' && pred.integral)) {
    const classes = classValuesOf(pred);
    const task: Task = classes.length <= 2 ? 'binary' : 'multiclass';
    return (c, f) =>
      c.kind === pred.kind &&
      fewValues(f, classes.length) &&
      overlap(classValuesOf(c), classes) >= 0.8
        ? out(c, `the same classes as ${pred.name}`, task)
        : null;
  }
  const probs = v.probabilities ? byName.get(v.probabilities) : undefined;
  if (probs?.kind === 'vector') {
    const k = probs.dim;
    return (c, f) => {
      const values = c.kind === 'numeric' && c.integral && fewValues(f, k) ? classValuesOf(c) : [];
      const fits = values.length > 1 && values.every((x) => Number(x) < k);
      return fits ? out(c, `class numbers below ${k}, like ${probs.name}`, 'multiclass') : null;
    };
  }
  const score = v.score ? byName.get(v.score) : undefined;
  if (score)
    return (c, f) =>
      binaryValued(c, f) ? out(c, `0/1 values for the scores in ${score.name}`, 'binary') : null;
  return null;
}

/** Columns without another role whose type and value set fit the first version's outputs. */
export function labelCandidates(
  columns: Column[],
  infos: ColumnInfo[],
  m: RoleMapping,
): LabelCandidate[] {
  const facts = new Map(infos.map((f) => [f.name, f]));
  const byName = new Map(columns.map((c) => [c.name, c]));
  const match = matcherFor(m, byName);
  if (!match) return [];
  const free = featureColumns(
    columns.map((c) => c.name),
    m,
  );
  return free
    .map((name) => byName.get(name)!)
    .filter((c) => c.kind !== 'vector' && c.kind !== 'timestamp')
    .map((c) => match(c, facts.get(c.name)))
    .filter((c): c is LabelCandidate => !!c);
}
