import { featureColumns } from '../../../shared/roles';
import type { Column } from '../../../data/types';
import { derivedColumns } from '../../../engine/rows/derived';
import type { OpenDataset } from '../../session/dataset';
import type { RowColumn } from '../../../protocol';

/** A RowColumn with what the worker needs to read it. */
export interface RowField extends RowColumn {
  column: Column;
  /** Class names, when the column is a class-probability vector. */
  classes: string[] | null;
  /** Sort order of a string column's dictionary when not alphabetical. */
  rank: Int32Array | null;
}

/** Features shown before the user chooses columns; the rest start hidden, not gone. */
const VISIBLE_FEATURES = 8;

/**
 * Every column the rows table can show, in reading order: id, label, each version's prediction
 * and outcome, flips, features, then vectors and secondary roles (hidden until chosen).
 */
export function buildFields(d: OpenDataset): RowField[] {
  const roles = d.roles;
  const ev = d.ev;
  const classes = ev?.classes ?? [];
  const real = (c: Column, role: string, visible: boolean, percent = false): RowField => ({
    key: c.name,
    label: c.name,
    kind: c.kind,
    role,
    percent,
    sortable: c.kind !== 'vector' && c.kind !== 'binary',
    defaultVisible: visible && (role === 'image' || (c.kind !== 'vector' && c.kind !== 'binary')),
    column: c,
    classes: role.endsWith(' probabilities') && c.kind === 'vector' ? classes : null,
    rank: null,
  });
  const col = (name: string | null) => (name ? d.byName.get(name) : undefined);
  const out: RowField[] = [];
  const later: RowField[] = [];
  const used = new Set<string>();
  const put = (
    name: string | null,
    role: string,
    visible: boolean,
    percent = false,
    list = out,
  ) => {
    const c = col(name);
    if (!c || used.has(c.name)) return;
    used.add(c.name);
    list.push(real(c, role, visible, percent));
  };
  put(roles?.id ?? d.combined.report.idColumn, 'id', true);
  roles?.images?.forEach((c) => put(c, 'image', true));
  roles?.texts?.forEach((c) => put(c, 'text', true));
  put(roles?.label ?? null, 'label', true);
  const derived = ev
    ? derivedColumns(ev, (version, role) => {
        const v = roles?.versions.find((x) => x.name === version);
        return !!col(role === 'prediction' ? (v?.prediction ?? null) : (v?.score ?? null));
      })
    : [];
  const derivedField = (k: (typeof derived)[number], visible: boolean): RowField => ({
    key: k.key,
    label: k.label,
    kind: k.column.kind,
    role: 'derived',
    percent: k.percent,
    sortable: true,
    defaultVisible: visible,
    column: k.column,
    classes: null,
    rank: k.rank,
  });
  for (const v of roles?.versions ?? []) {
    put(v.prediction, `${v.name} prediction`, true);
    put(v.score, `${v.name} score`, true, true);
    for (const k of derived.filter(
      (x) => x.key.endsWith(`:${v.name}`) && !x.key.startsWith(':flip:'),
    )) {
      out.push(derivedField(k, !k.key.startsWith(':ptrue:')));
    }
    put(v.probabilities, `${v.name} probabilities`, false, false, later);
    v.classColumns.forEach((c, j) => put(c, `${v.name} p(${classes[j] ?? j})`, false, true, later));
  }
  for (const k of derived.filter((x) => x.key.startsWith(':flip:')))
    out.push(derivedField(k, true));
  const features = roles ? featureColumns([...d.byName.keys()], roles) : [...d.byName.keys()];
  features.forEach((name, j) => put(name, 'feature', j < VISIBLE_FEATURES));
  for (const e of roles?.embeddings ?? []) put(e, 'embedding', false, false, later);
  for (const c of roles?.coords ?? []) put(c, 'coordinate', false, false, later);
  for (const c of d.byName.keys()) put(c, 'ignored', false, false, later);
  return [...out, ...later];
}
