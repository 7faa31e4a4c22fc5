import type { ColumnInfo } from '../../protocol';
import type { RoleMapping } from '../../shared/roles';
import type { Field, Predicate } from '../../protocol';

/** A thing the builder can filter on, with the condition it starts with. */
export interface FieldOption {
  key: string;
  label: string;
  group: 'Roles' | 'Columns';
  field: Field | null;
  initial: () => Predicate;
}

export function fieldOptions(columns: ColumnInfo[], roles: RoleMapping): FieldOption[] {
  const out: FieldOption[] = [];
  const versions = roles.versions.map((v) => v.name);
  const classification = roles.task !== 'regression';
  if (roles.label && classification) {
    out.push({
      key: 'label',
      label: `label (${roles.label})`,
      group: 'Roles',
      field: { type: 'label' },
      initial: () => ({ op: 'label', values: [] }),
    });
  }
  for (const v of roles.versions) {
    if (classification) {
      out.push({
        key: `pred:${v.name}`,
        label: `predicted by ${v.name}`,
        group: 'Roles',
        field: { type: 'predicted', version: v.name },
        initial: () => ({ op: 'predicted', version: v.name, values: [] }),
      });
      if (roles.label) {
        out.push({
          key: `outcome:${v.name}`,
          label: `${v.name} correct / wrong`,
          group: 'Roles',
          field: null,
          initial: () => ({ op: 'outcome', version: v.name, correct: false }),
        });
      }
    }
    if (v.score || (roles.task === 'binary' && (v.probabilities || v.classColumns.length))) {
      out.push({
        key: `score:${v.name}`,
        label: `score of ${v.name}`,
        group: 'Roles',
        field: { type: 'score', version: v.name },
        initial: () => ({ op: 'score', version: v.name, min: 0.5, max: null }),
      });
    }
  }
  if (classification) {
    for (let i = 1; i < versions.length; i++) {
      const a = versions[i - 1]!;
      const b = versions[i]!;
      out.push({
        key: `changed:${a}:${b}`,
        label: `prediction changed ${a} → ${b}`,
        group: 'Roles',
        field: null,
        initial: () => ({ op: 'changed', a, b }),
      });
      if (roles.label) {
        out.push({
          key: `flip:${a}:${b}`,
          label: `flip ${a} → ${b}`,
          group: 'Roles',
          field: null,
          initial: () => ({ op: 'flip', from: a, to: b, kind: 'correct-to-wrong' }),
        });
      }
    }
  }
  for (const c of columns) {
    const field: Field = { type: 'column', name: c.name };
    const initial = (): Predicate =>
      c.kind === 'numeric' || c.kind === 'timestamp'
        ? { op: 'range', column: c.name, min: null, max: null }
        : c.kind === 'vector' || c.kind === 'binary'
          ? { op: 'isNull', column: c.name }
          : c.kind === 'string' && (c.distinct ?? 0) > 5000
            ? { op: 'text', column: c.name, pattern: '', mode: 'contains' }
            : { op: 'in', column: c.name, values: [] };
    out.push({ key: `col:${c.name}`, label: c.name, group: 'Columns', field, initial });
  }
  return out;
}

/** Which option a leaf belongs to (for showing an existing condition). */
export function optionKeyOf(p: Predicate): string {
  switch (p.op) {
    case 'label':
      return 'label';
    case 'predicted':
      return `pred:${p.version}`;
    case 'outcome':
      return `outcome:${p.version}`;
    case 'score':
      return `score:${p.version}`;
    case 'changed':
      return `changed:${p.a}:${p.b}`;
    case 'flip':
      return `flip:${p.from}:${p.to}`;
    case 'range':
    case 'in':
    case 'text':
    case 'isNull':
      return `col:${p.column}`;
    default:
      return '';
  }
}
