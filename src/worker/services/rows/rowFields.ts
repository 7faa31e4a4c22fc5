import type { Column } from '../../../data/types';
import { derivedColumns } from '../../../engine/rows/derived';
import type { OpenDataset } from '../../session/dataset';
import type { RowColumn } from '../../../protocol';
import { fileField, isProbabilityVector, orderRowFields } from '../../../shared/rowFieldOrder';

/** A RowColumn with what the worker needs to read it. */
export interface RowField extends RowColumn {
  column: Column;
  /** Class names, when the column is a class-probability vector. */
  classes: string[] | null;
  /** Sort order of a string column's dictionary when not alphabetical. */
  rank: Int32Array | null;
}

/** Every column the rows table can show, in the shared reading order (shared/rowFieldOrder). */
export function buildFields(d: OpenDataset): RowField[] {
  const roles = d.roles;
  const ev = d.ev;
  const classes = ev?.classes ?? [];
  const col = (name: string | null) => (name ? d.byName.get(name) : undefined);
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
  return orderRowFields<RowField>({
    roles,
    idFallback: d.combined.report.idColumn,
    names: [...d.byName.keys()],
    classes,
    column: (name, role, visible, percent) => {
      const c = col(name);
      if (!c) return null;
      return {
        ...fileField(c.name, c.kind, role, visible, percent),
        column: c,
        classes: isProbabilityVector(role, c.kind) ? classes : null,
        rank: null,
      };
    },
    derivedOf: (version) =>
      derived
        .filter((x) => x.key.endsWith(`:${version}`) && !x.key.startsWith(':flip:'))
        .map((k) => derivedField(k, !k.key.startsWith(':ptrue:'))),
    flips: derived.filter((x) => x.key.startsWith(':flip:')).map((k) => derivedField(k, true)),
  });
}
