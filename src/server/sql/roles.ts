// The role arrays of src/data/prepare.ts and worker/session/thresholds.ts as SQL expressions:
// a row's label class code, a version's predicted class code and score, each NULL where the
// engine holds -1 or NaN. Same precedence as the engine: an explicit threshold on a score, else
// the prediction column, else the argmax of the probabilities, else score ≥ 0.5.
import { positiveIndex } from '../../data/classes';
import type { VersionRoles } from '../../shared/roles';
import { type SqlColumn, findColumn, nanToNull, numberOf } from './columns';
import { int, num, str } from './quote';
import type { SqlSource } from './types';

/** Column values equal to each class name, as the engine's encodeClasses matches them. */
function classLiteral(c: SqlColumn, name: string): string | null {
  if (c.kind === 'string') return str(name);
  if (c.kind === 'boolean') return name === 'true' || name === 'false' ? name.toUpperCase() : null;
  // Numbers match the class whose name is their JS string form.
  const v = Number(name);
  return name.trim() !== '' && String(v) === name ? num(v) : null;
}

/** The value a class column (label, prediction) is compared with. */
function valueOf(c: SqlColumn): string {
  return c.kind === 'numeric' ? numberOf(c) : c.sql;
}

/** CASE mapping a label/prediction column to class codes; NULL for null or unknown values. */
export function encodeSql(c: SqlColumn, classes: string[]): string {
  const whens = classes
    .map((name, j) => [classLiteral(c, name), j] as const)
    .filter(([lit]) => lit !== null)
    .map(([lit, j]) => `WHEN ${lit} THEN ${int(j)}`);
  return whens.length ? `(CASE ${valueOf(c)} ${whens.join(' ')} END)` : 'CAST(NULL AS INTEGER)';
}

/** Labels and predictions may be numbers, strings or booleans (prepare.ts's ofKind). */
function classColumn(src: SqlSource, name: string | null): SqlColumn | null {
  const c = findColumn(src, name);
  return c && (c.kind === 'numeric' || c.kind === 'string' || c.kind === 'boolean') ? c : null;
}

/** The label's class code, or null when the dataset has none (regression has none either). */
export function labelCode(src: SqlSource): string | null {
  if (src.roles.task === 'regression') return null;
  const c = classColumn(src, src.roles.label);
  return c ? encodeSql(c, src.classes) : null;
}

/** The label as a number (regression). */
export function labelValue(src: SqlSource): string | null {
  const c = findColumn(src, src.roles.label);
  return c?.kind === 'numeric' ? numberOf(c) : null;
}

function versionRoles(src: SqlSource, name: string): VersionRoles | undefined {
  return src.roles.versions.find((v) => v.name === name);
}

/** The k probabilities of a version as float32 values (the engine stacks them as float32). */
export function probabilities(src: SqlSource, v: VersionRoles): string[] | null {
  const k = src.classes.length;
  const vec = findColumn(src, v.probabilities);
  // A list column is taken to hold k values per row (Parquet has no fixed-size lists).
  if (vec?.kind === 'vector') {
    const dim = /\[(\d+)\]$/.exec(vec.type)?.[1];
    if (dim && Number(dim) !== k) return null;
    return src.classes.map((_, j) => `CAST(${vec.sql}[${j + 1}] AS FLOAT)`);
  }
  const cols = v.classColumns.map((n) => findColumn(src, n)).filter((c) => c?.kind === 'numeric');
  if (k === 0 || cols.length !== k) return null;
  return cols.map((c) => `CAST(${c!.sql} AS FLOAT)`);
}

/** argmax with the engine's rules: a missing value or all −∞ gives no class, ties the first. */
function argmax(p: string[]): string {
  const vals = p.map(nanToNull);
  const g = `GREATEST(${vals.join(', ')})`;
  const anyNull = vals.map((x) => `${x} IS NULL`).join(' OR ');
  const whens = vals.map((x, j) => `WHEN ${x} = ${g} THEN ${int(j)}`).join(' ');
  return `(CASE WHEN ${anyNull} THEN NULL WHEN ${g} = ${num(-Infinity)} THEN NULL ${whens} END)`;
}

/** A version's score (binary positive-class probability) as DOUBLE, NULL where missing. */
export function scoreOf(src: SqlSource, name: string): string | null {
  const v = versionRoles(src, name);
  if (!v || src.roles.task === 'regression') return null;
  const c = findColumn(src, v.score);
  if (c?.kind === 'numeric') return numberOf(c);
  const p = src.roles.task === 'binary' && src.classes.length === 2 ? probabilities(src, v) : null;
  return p ? nanToNull(`CAST(${p[positive(src)]} AS DOUBLE)`) : null;
}

function positive(src: SqlSource): number {
  return positiveIndex(src.classes, src.roles.positiveClass);
}

/** score ≥ t → the positive class, else the negative one; no score → no class. */
function thresholded(src: SqlSource, score: string, t: number): string {
  const pos = positive(src);
  const neg = pos === 0 ? 1 : 0;
  return `(CASE WHEN ${score} >= ${num(t)} THEN ${int(pos)} WHEN ${score} < ${num(t)} THEN ${int(neg)} END)`;
}

/** A version's predicted class code, or null when it has none (regression, no columns). */
export function predCode(src: SqlSource, name: string): string | null {
  const v = versionRoles(src, name);
  if (!v || src.roles.task === 'regression') return null;
  const binary = src.roles.task === 'binary';
  const score = scoreOf(src, name);
  const t = Object.hasOwn(src.thresholds, name) ? src.thresholds[name] : undefined;
  if (binary && src.classes.length === 2 && score && t !== undefined && Number.isFinite(t))
    return thresholded(src, score, t);
  const c = classColumn(src, v.prediction);
  if (c) return encodeSql(c, src.classes);
  const p = probabilities(src, v);
  if (p) return argmax(p);
  return binary && score ? thresholded(src, score, 0.5) : null;
}

/**
 * The threshold t when the version's predicted class (predCode) is its score (scoreOf) ≥ t, else
 * null: such a prediction follows from the score, so a GROUP BY on the score need not also
 * group by it (backend/pass.ts derives it from each group's score).
 */
export function scoreThreshold(src: SqlSource, name: string): number | null {
  const v = versionRoles(src, name);
  if (!v || src.roles.task !== 'binary' || !scoreOf(src, name)) return null;
  const t = Object.hasOwn(src.thresholds, name) ? src.thresholds[name] : undefined;
  if (src.classes.length === 2 && t !== undefined && Number.isFinite(t)) return t;
  if (classColumn(src, v.prediction) || probabilities(src, v)) return null;
  return 0.5;
}

/** predCode of a score-thresholded version, over any score expression (a grouped column). */
export function thresholdedCode(src: SqlSource, score: string, t: number): string {
  return thresholded(src, score, t);
}

/** A regression version's output as DOUBLE. */
export function yhatOf(src: SqlSource, name: string): string | null {
  const v = versionRoles(src, name);
  const c = findColumn(src, v?.prediction ?? null) ?? findColumn(src, v?.score ?? null);
  return c?.kind === 'numeric' ? numberOf(c) : null;
}
