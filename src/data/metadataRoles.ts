import type { ColumnInfo } from './types';
import { type RoleMapping, type Task, emptyVersion } from '../shared/roles';

const TASKS: Task[] = ['binary', 'multiclass', 'regression'];

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/**
 * Producers can declare roles in schema metadata (`workbench.roles`, JSON) so a file opens with
 * no mapping. Names that are not columns are dropped rather than trusted.
 */
export function rolesFromMetadata(
  metadata: Record<string, string>,
  infos: ColumnInfo[],
): RoleMapping | null {
  const raw = metadata['workbench.roles'];
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const p = parsed as Record<string, unknown>;
  const names = new Set(infos.map((c) => c.name));
  const col = (v: unknown) => {
    const s = str(v);
    return s && names.has(s) ? s : null;
  };
  const versions = (Array.isArray(p.versions) ? p.versions : []).flatMap(
    (v: unknown, i: number) => {
      if (!v || typeof v !== 'object') return [];
      const o = v as Record<string, unknown>;
      const ver = emptyVersion(str(o.name) ?? `v${i + 1}`);
      ver.prediction = col(o.prediction);
      ver.score = col(o.score);
      ver.probabilities = col(o.probabilities);
      ver.classColumns = Array.isArray(o.classColumns)
        ? o.classColumns.map(col).filter((c): c is string => !!c)
        : [];
      return [ver];
    },
  );
  const task = TASKS.find((t) => t === p.task);
  if (!task) return null;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(col).filter((c): c is string => !!c) : []);
  const coords = Array.isArray(p.coords) && p.coords.length === 2 ? list(p.coords) : [];
  return {
    id: col(p.id),
    label: col(p.label),
    task,
    positiveClass: str(p.positiveClass),
    versions,
    embeddings: list(p.embeddings),
    coords: coords.length === 2 ? [coords[0]!, coords[1]!] : null,
    ignored: list(p.ignored),
    // Absent keys fall back to inference (the caller spreads these over inferred ones).
    ...(Array.isArray(p.images) ? { images: list(p.images) } : {}),
    ...(Array.isArray(p.texts) ? { texts: list(p.texts) } : {}),
  };
}
