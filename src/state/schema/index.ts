import type { RoleMapping } from '../../shared/roles';
import type { CohortDef } from '../../protocol';
import type { CompareSettings } from './compare';
import type { ViewName } from '../viewStore';
import { readCohorts } from './cohorts';
import { readCompare } from './compare';
import { Problems, isName, isObject, own } from './fields';
import { readRoles } from './roles';
import { readCols, readRow, readSort, readView } from './view';

export { Problems };

/** Everything kept for one dataset: in storage, in a workspace file, or carried by a link. */
export interface SavedState {
  roles: RoleMapping | null;
  cohorts: CohortDef[] | null;
  activeId: string | null;
  compare: CompareSettings | null;
  view: ViewName | null;
  row: string | null;
  sort: { id: string; desc: boolean } | null;
  cols: Record<string, boolean> | null;
}

export const EMPTY_STATE: SavedState = {
  roles: null,
  cohorts: null,
  activeId: null,
  compare: null,
  view: null,
  row: null,
  sort: null,
  cols: null,
};

export interface ReadOptions {
  /** Where the state came from, for messages ("saved state", "the link", a file name). */
  source: string;
  /** Stored cohorts keep their ids; imported ones get new ids later. */
  cohortIds: boolean;
  hasColumn?: (name: string) => boolean;
}

/**
 * The one gate every stored or imported object passes before it is used or saved: each part
 * (roles, cohorts, rules, thresholds, view, sort, columns) is checked on its own, what is
 * invalid is dropped, and `problems` names what and why. Never throws.
 */
export function readSavedState(
  v: unknown,
  opts: ReadOptions,
): { state: SavedState; problems: string[] } {
  const problems = new Problems(opts.source);
  if (!isObject(v)) {
    if (v !== undefined && v !== null) problems.add('everything', 'it is not an object');
    return { state: { ...EMPTY_STATE }, problems: problems.list };
  }
  let roles: RoleMapping | null = null;
  const rawRoles = own(v, 'roles');
  if (rawRoles !== undefined && rawRoles !== null) {
    try {
      roles = readRoles(rawRoles, opts.hasColumn);
    } catch (err) {
      problems.add('the column roles', (err as Error).message);
    }
  }
  const rawCohorts = own(v, 'cohorts');
  const cohorts =
    rawCohorts === undefined ? null : readCohorts(rawCohorts, problems, opts.cohortIds);
  const active = own(v, 'activeId');
  return {
    state: {
      roles,
      cohorts,
      activeId: isName(active) && cohorts?.some((c) => c.id === active) ? active : null,
      compare: readCompare(own(v, 'compare'), problems),
      view: readView(own(v, 'view'), problems),
      row: readRow(own(v, 'row'), problems),
      sort: readSort(own(v, 'sort'), problems),
      cols: readCols(own(v, 'cols'), problems),
    },
    problems: problems.list,
  };
}
