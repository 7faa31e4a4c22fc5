import type { RoleMapping } from '../data/roles';
import type { CohortDef } from '../worker/protocol';
import { parseCohort } from '../engine/cohort/validate';
import type { ViewName } from './viewStore';

/** Everything a shared link carries. Data URLs stay as `data` params (repeatable). */
export interface UrlState {
  data: string[];
  roles: RoleMapping | null;
  cohorts: CohortDef[] | null;
  active: string | null;
  view: ViewName | null;
  row: string | null;
}

const VIEWS: ViewName[] = ['overview', 'rows'];

function json(v: string | null): unknown {
  if (!v) return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
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
