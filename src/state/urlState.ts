import type { RoleMapping } from '../shared/roles';
import type { CohortDef } from '../protocol';
import { parseCohort } from '../shared/cohortValidate';
import type { ViewName } from './viewStore';
import type { ReleaseRule } from '../protocol';

/** Comparison settings that travel with a link: baseline, thresholds, release rules. */
export interface CompareSettings {
  baseline: string | null;
  thresholds: Record<string, number>;
  rules: ReleaseRule[];
}

export function parseCompare(v: unknown): CompareSettings | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const thresholds: Record<string, number> = {};
  if (o.thresholds && typeof o.thresholds === 'object') {
    for (const [k, t] of Object.entries(o.thresholds))
      if (typeof t === 'number' && Number.isFinite(t)) thresholds[k] = t;
  }
  const rules = Array.isArray(o.rules)
    ? (o.rules.filter(
        (r) => r && typeof r === 'object' && typeof (r as { kind?: unknown }).kind === 'string',
      ) as ReleaseRule[])
    : [];
  return { baseline: typeof o.baseline === 'string' ? o.baseline : null, thresholds, rules };
}

/** Everything a shared link carries. Data URLs stay as `data` params (repeatable). */
export interface UrlState {
  data: string[];
  roles: RoleMapping | null;
  cohorts: CohortDef[] | null;
  active: string | null;
  view: ViewName | null;
  row: string | null;
  compare: CompareSettings | null;
  /** Rows table: sort as `column` or `-column` (descending), and shown/hidden columns. */
  sort: { id: string; desc: boolean } | null;
  cols: Record<string, boolean> | null;
}

const VIEWS: ViewName[] = ['overview', 'rows', 'gallery', 'map', 'compare', 'slices'];

function json(v: string | null): unknown {
  if (!v) return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

function parseSort(v: string | null): UrlState['sort'] {
  if (!v) return null;
  return v.startsWith('-') ? { id: v.slice(1), desc: true } : { id: v, desc: false };
}

function parseCols(v: unknown): Record<string, boolean> | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: Record<string, boolean> = {};
  for (const [k, b] of Object.entries(v)) if (typeof b === 'boolean') out[k] = b;
  return out;
}

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const rawCohorts = json(q.get('cohorts'));
  const cohorts = Array.isArray(rawCohorts)
    ? rawCohorts.map(parseCohort).filter((c): c is CohortDef => !!c && !!c.id)
    : null;
  const roles = json(q.get('roles')) as RoleMapping | null;
  const view = q.get('view') as ViewName | null;
  return {
    data: q.getAll('data'),
    roles: roles && Array.isArray(roles.versions) ? roles : null,
    cohorts,
    active: q.get('active'),
    view: view && VIEWS.includes(view) ? view : null,
    row: q.get('row'),
    compare: parseCompare(json(q.get('compare'))),
    sort: parseSort(q.get('sort')),
    cols: parseCols(json(q.get('cols'))),
  };
}

/** Writes the state into the address bar without adding history entries (no entry per keystroke). */
export function writeUrlState(s: Omit<UrlState, 'data'>): void {
  const q = new URLSearchParams(window.location.search);
  const put = (k: string, v: string | null) => (v === null || v === '' ? q.delete(k) : q.set(k, v));
  put('roles', s.roles ? JSON.stringify(s.roles) : null);
  put('cohorts', s.cohorts && s.cohorts.length ? JSON.stringify(s.cohorts) : null);
  put('active', s.active);
  put('view', s.view && s.view !== 'overview' ? s.view : null);
  put('row', s.row);
  put('sort', s.sort ? `${s.sort.desc ? '-' : ''}${s.sort.id}` : null);
  put('cols', s.cols && Object.keys(s.cols).length ? JSON.stringify(s.cols) : null);
  const c = s.compare;
  put(
    'compare',
    c && (c.baseline || c.rules.length || Object.keys(c.thresholds).length)
      ? JSON.stringify(c)
      : null,
  );
  const next = `${window.location.pathname}${q.toString() ? `?${q}` : ''}${window.location.hash}`;
  if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, '', next);
  }
}

let urlRolesTaken = false;

/** Role overrides carried by the link: used once, for the first dataset opened. */
export function consumeUrlRoles(): RoleMapping | null {
  if (urlRolesTaken || typeof window === 'undefined') return null;
  urlRolesTaken = true;
  return parseUrlState(window.location.search).roles;
}
