import { type RoleMapping, emptyVersion, featureColumns } from '../shared/roles';

/** One column's role as the mapping table shows it; version roles carry the version name. */
export type ColumnRole =
  | 'feature'
  | 'id'
  | 'label'
  | 'prediction'
  | 'score'
  | 'probabilities'
  | 'class probability'
  | 'embedding'
  | 'x coordinate'
  | 'y coordinate'
  | 'image'
  | 'text'
  | 'ignore';

export const COLUMN_ROLES: ColumnRole[] = [
  'feature',
  'id',
  'label',
  'prediction',
  'score',
  'probabilities',
  'class probability',
  'embedding',
  'x coordinate',
  'y coordinate',
  'image',
  'text',
  'ignore',
];

export const VERSIONED: ReadonlySet<ColumnRole> = new Set([
  'prediction',
  'score',
  'probabilities',
  'class probability',
]);

export interface Assignment {
  column: string;
  role: ColumnRole;
  version: string;
}

/** The mapping, flattened to one role per column (for the table the user edits). */
export function toAssignments(columns: string[], m: RoleMapping): Assignment[] {
  const role = new Map<string, [ColumnRole, string]>();
  if (m.id) role.set(m.id, ['id', '']);
  if (m.label) role.set(m.label, ['label', '']);
  for (const v of m.versions) {
    if (v.prediction) role.set(v.prediction, ['prediction', v.name]);
    if (v.score) role.set(v.score, ['score', v.name]);
    if (v.probabilities) role.set(v.probabilities, ['probabilities', v.name]);
    v.classColumns.forEach((c) => role.set(c, ['class probability', v.name]));
  }
  m.embeddings.forEach((e) => role.set(e, ['embedding', '']));
  if (m.coords) {
    role.set(m.coords[0], ['x coordinate', '']);
    role.set(m.coords[1], ['y coordinate', '']);
  }
  m.ignored.forEach((c) => role.set(c, ['ignore', '']));
  m.images?.forEach((c) => role.set(c, ['image', '']));
  m.texts?.forEach((c) => role.set(c, ['text', '']));
  const features = new Set(featureColumns(columns, m));
  return columns.map((column) => {
    const [r, version] = role.get(column) ?? ['feature', ''];
    return { column, role: features.has(column) ? 'feature' : r, version };
  });
}

/** Back from the table to a mapping; version order follows first appearance. */
export function fromAssignments(rows: Assignment[], base: RoleMapping): RoleMapping {
  const m: RoleMapping = {
    ...base,
    id: null,
    label: null,
    versions: [],
    embeddings: [],
    coords: null,
    ignored: [],
    images: [],
    texts: [],
  };
  const version = (name: string) => {
    const key = name.trim() || 'model';
    let v = m.versions.find((x) => x.name === key);
    if (!v) m.versions.push((v = emptyVersion(key)));
    return v;
  };
  let x: string | null = null;
  let y: string | null = null;
  for (const r of rows) {
    switch (r.role) {
      case 'id':
        m.id ??= r.column;
        break;
      case 'label':
        m.label ??= r.column;
        break;
      case 'prediction':
        version(r.version).prediction = r.column;
        break;
      case 'score':
        version(r.version).score = r.column;
        break;
      case 'probabilities':
        version(r.version).probabilities = r.column;
        break;
      case 'class probability':
        version(r.version).classColumns.push(r.column);
        break;
      case 'embedding':
        m.embeddings.push(r.column);
        break;
      case 'x coordinate':
        x ??= r.column;
        break;
      case 'y coordinate':
        y ??= r.column;
        break;
      case 'ignore':
        m.ignored.push(r.column);
        break;
      case 'image':
        m.images!.push(r.column);
        break;
      case 'text':
        m.texts!.push(r.column);
        break;
      default:
        break;
    }
  }
  m.coords = x && y ? [x, y] : null;
  return m;
}
