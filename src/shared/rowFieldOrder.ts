// The rows table's column order, one rule for both backends (the in-tab worker and the DuckDB
// server): id, images, texts, label, each version's prediction, score and derived outcome
// columns, flips, features; then vectors and secondary roles, hidden until chosen.
import { type RoleMapping, featureColumns } from './roles';

/** Features shown before the user chooses columns; the rest start hidden, not gone. */
const VISIBLE_FEATURES = 8;

export interface FieldOrderInput<F extends { key: string }> {
  roles: RoleMapping | null;
  /** The id column when no role names one (what the open found). */
  idFallback: string | null;
  /** Every column name of the data, in file order. */
  names: string[];
  /** Class names, for naming one-column-per-class probabilities. */
  classes: readonly string[];
  /** The field of a file column, or null when there is no such column. `key` is its real name. */
  column: (name: string, role: string, visible: boolean, percent: boolean) => F | null;
  /** A version's derived columns (predicted, correct?, p(predicted)…), in reading order. */
  derivedOf: (version: string) => F[];
  /** Flip columns between consecutive versions. */
  flips: F[];
}

export function orderRowFields<F extends { key: string }>(o: FieldOrderInput<F>): F[] {
  const roles = o.roles;
  const out: F[] = [];
  const later: F[] = [];
  const used = new Set<string>();
  const put = (
    name: string | null,
    role: string,
    visible: boolean,
    percent = false,
    list = out,
  ) => {
    const f = name === null ? null : o.column(name, role, visible, percent);
    if (!f || used.has(f.key)) return;
    used.add(f.key);
    list.push(f);
  };
  put(roles?.id ?? o.idFallback, 'id', true);
  roles?.images?.forEach((c) => put(c, 'image', true));
  roles?.texts?.forEach((c) => put(c, 'text', true));
  put(roles?.label ?? null, 'label', true);
  for (const v of roles?.versions ?? []) {
    put(v.prediction, `${v.name} prediction`, true);
    put(v.score, `${v.name} score`, true, true);
    out.push(...o.derivedOf(v.name));
    put(v.probabilities, `${v.name} probabilities`, false, false, later);
    v.classColumns.forEach((c, j) =>
      put(c, `${v.name} p(${o.classes[j] ?? j})`, false, true, later),
    );
  }
  out.push(...o.flips);
  const features = roles ? featureColumns(o.names, roles) : o.names;
  features.forEach((name, j) => put(name, 'feature', j < VISIBLE_FEATURES));
  for (const e of roles?.embeddings ?? []) put(e, 'embedding', false, false, later);
  for (const c of roles?.coords ?? []) put(c, 'coordinate', false, false, later);
  for (const c of o.names) put(c, 'ignored', false, false, later);
  return [...out, ...later];
}

/** The table-facing part of a file column's field, the same in both backends. */
export function fileField<K extends string>(
  name: string,
  kind: K,
  role: string,
  visible: boolean,
  percent: boolean,
) {
  const plain = kind !== 'vector' && kind !== 'binary';
  return {
    key: name,
    label: name,
    kind,
    role,
    percent,
    sortable: plain,
    defaultVisible: visible && (role === 'image' || plain),
  };
}

/** A version's probability vector: its cells are named by the class names. */
export const isProbabilityVector = (role: string, kind: string) =>
  role.endsWith(' probabilities') && kind === 'vector';
