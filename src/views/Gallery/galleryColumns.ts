import type { RoleMapping } from '../../shared/roles';
import type { RowColumn } from '../../protocol';

/** What a gallery card shows, as rows-table column keys (fetched with each page of rows). */
export interface CardColumns {
  label: string | null;
  text: string | null;
  versions: { name: string; pred: string | null; correct: string | null }[];
}

export function cardColumns(columns: RowColumn[], roles: RoleMapping | null): CardColumns {
  const has = (key: string) => (columns.some((c) => c.key === key) ? key : null);
  const byRole = (role: string) => columns.find((c) => c.role === role)?.key ?? null;
  return {
    label: byRole('label'),
    text: roles?.images?.length ? null : (roles?.texts?.[0] ?? null),
    versions: (roles?.versions ?? []).map((v) => ({
      name: v.name,
      pred: byRole(`${v.name} prediction`) ?? has(`:pred:${v.name}`),
      correct: has(`:correct:${v.name}`),
    })),
  };
}

export function keysOf(c: CardColumns): string[] {
  const keys = [c.label, c.text, ...c.versions.flatMap((v) => [v.pred, v.correct])];
  return keys.filter((k): k is string => k !== null);
}
