import { type SavedState, readSavedState } from './schema';
import type { CompareSettings } from './schema/compare';
import { linkStashId, readStash, writeStash } from './linkStash';

export type { CompareSettings };

/** A part whose JSON is longer than this is kept in the browser under the key the URL names. */
export const LINK_INLINE_MAX = 2000;

const JSON_PARTS = ['roles', 'cohorts', 'compare', 'cols'] as const;

function json(v: string | null): unknown {
  if (v === null) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return v; // the schema names it as the wrong shape
  }
}

function sortParam(v: string | null): unknown {
  if (!v) return undefined;
  return v.startsWith('-') ? { id: v.slice(1), desc: true } : { id: v, desc: false };
}

/** The link's state as untrusted JSON, before the schema (stashed parts not yet read). */
function rawLinkState(q: URLSearchParams): Record<string, unknown> {
  return {
    roles: json(q.get('roles')),
    cohorts: json(q.get('cohorts')),
    activeId: q.get('active') ?? undefined,
    compare: json(q.get('compare')),
    view: q.get('view') ?? undefined,
    row: q.get('row') ?? undefined,
    sort: sortParam(q.get('sort')),
    cols: json(q.get('cols')),
  };
}

/**
 * The state a link carries, checked like any stored state: the small parts from the URL, the
 * large ones from the browser's storage under the key the URL names (`state=`).
 */
export async function readLinkState(
  search: string,
  hasColumn: (name: string) => boolean,
): Promise<{ state: SavedState; problems: string[] }> {
  const q = new URLSearchParams(search);
  const raw = rawLinkState(q);
  const problems: string[] = [];
  const stashKey = q.get('state');
  if (stashKey) {
    const stashed = await readStash(stashKey);
    if (!stashed) {
      problems.push(
        'the link: its larger parts (cohorts, columns) were kept in the browser that made it and are not in this one; open it there, or share a workspace file',
      );
    } else {
      for (const [k, v] of Object.entries(stashed)) if (raw[k] === undefined) raw[k] = v;
    }
  }
  const r = readSavedState(raw, { source: 'the link', cohortIds: true, hasColumn });
  return { state: r.state, problems: [...problems, ...r.problems] };
}

/** Whether the link names any state (so that state, not storage, applies to the first dataset). */
export function linkHasState(search: string): boolean {
  const q = new URLSearchParams(search);
  return ['state', ...JSON_PARTS, 'active', 'view', 'row', 'sort'].some((k) => q.has(k));
}

/**
 * Writes the state into the address bar without adding history entries. Small parts go in the
 * URL; a part over LINK_INLINE_MAX characters is stashed in IndexedDB under this tab's key and
 * the URL names that key, so the URL stays a few KB (servers refuse long ones with HTTP 431).
 */
export function writeUrlState(s: SavedState): void {
  const q = new URLSearchParams(window.location.search);
  const put = (k: string, v: string | null) => (v === null || v === '' ? q.delete(k) : q.set(k, v));
  const c = s.compare;
  const parts: Record<(typeof JSON_PARTS)[number], unknown> = {
    roles: s.roles,
    cohorts: s.cohorts?.length ? s.cohorts : null,
    compare: c && (c.baseline || c.rules.length || Object.keys(c.thresholds).length) ? c : null,
    cols: s.cols && Object.keys(s.cols).length ? s.cols : null,
  };
  const stash: Record<string, unknown> = {};
  for (const k of JSON_PARTS) {
    const text = parts[k] ? JSON.stringify(parts[k]) : null;
    if (text && text.length > LINK_INLINE_MAX) {
      stash[k] = parts[k];
      put(k, null);
    } else put(k, text);
  }
  const stashed = Object.keys(stash).length > 0;
  put('state', stashed ? linkStashId() : null);
  if (stashed) writeStash(stash);
  put('active', s.activeId);
  put('view', s.view && s.view !== 'overview' ? s.view : null);
  put('row', s.row);
  put('sort', s.sort ? `${s.sort.desc ? '-' : ''}${s.sort.id}` : null);
  const next = `${window.location.pathname}${q.toString() ? `?${q}` : ''}${window.location.hash}`;
  if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, '', next);
  }
}
