import type { ViewName } from '../viewStore';
import { type Problems, describe, isName, isObject } from './fields';

export const VIEWS: readonly ViewName[] = [
  'overview',
  'rows',
  'gallery',
  'map',
  'compare',
  'slices',
];
const MAX_COLUMNS = 100_000;

export function readView(v: unknown, problems: Problems): ViewName | null {
  if (v === undefined || v === null) return null;
  const view = VIEWS.find((x) => x === v);
  if (!view) problems.add(`the view ${describe(v)}`, `it is not one of ${VIEWS.join(', ')}`);
  return view ?? null;
}

export function readRow(v: unknown, problems: Problems): string | null {
  if (v === undefined || v === null) return null;
  if (isName(v)) return v;
  problems.add('the open row', `${describe(v)} is not a row id`);
  return null;
}

export function readSort(v: unknown, problems: Problems): { id: string; desc: boolean } | null {
  if (v === undefined || v === null) return null;
  if (isObject(v) && isName(v.id) && typeof v.desc === 'boolean') return { id: v.id, desc: v.desc };
  problems.add('the rows table sort', `${describe(v)} is not a column and a direction`);
  return null;
}

/** Shown/hidden columns of the rows table, as own keys only (see `Object.hasOwn` at lookups). */
export function readCols(v: unknown, problems: Problems): Record<string, boolean> | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) {
    problems.add('the rows table columns', `they are ${describe(v)}`);
    return null;
  }
  const entries = Object.entries(v).slice(0, MAX_COLUMNS);
  const kept = entries.filter(
    (e): e is [string, boolean] => isName(e[0]) && typeof e[1] === 'boolean',
  );
  if (kept.length < entries.length)
    problems.add(
      `${entries.length - kept.length} rows table column settings`,
      'they are not true/false',
    );
  return Object.fromEntries(kept);
}
