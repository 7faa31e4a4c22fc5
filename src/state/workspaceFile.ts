import type { RoleMapping } from '../shared/roles';
import type { CohortDef } from '../protocol';
import { importCohorts } from './cohortFiles';
import type { CompareSettings } from './urlState';
import type { ViewName } from './viewStore';
import { readSavedState } from './schema';

export const WORKSPACE_FORMAT = 'workbench-workspace';

/** Everything a person made on a dataset, as one JSON file (no rows: only definitions). */
export interface Workspace {
  roles: RoleMapping | null;
  cohorts: CohortDef[];
  activeId: string | null;
  compare: CompareSettings;
  view: ViewName;
  row: string | null;
}

export function exportWorkspace(w: Workspace): string {
  return JSON.stringify({ format: WORKSPACE_FORMAT, version: 1, ...w }, null, 2);
}

export interface WorkspaceImport {
  workspace: Partial<Workspace> & { cohorts: CohortDef[] };
  problems: string[];
}

/**
 * Reads a workspace file through the same schema as stored state: cohorts go through the checks
 * of a cohorts file (missing columns named, the rest kept); roles naming columns this dataset
 * lacks, malformed rules, an unknown view are each left out and named.
 */
export function importWorkspace(
  text: string,
  has: { column: (name: string) => boolean; version: (name: string) => boolean },
): WorkspaceImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { workspace: { cohorts: [] }, problems: ['the file is not JSON'] };
  }
  const o = parsed as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || o.format !== WORKSPACE_FORMAT) {
    return { workspace: { cohorts: [] }, problems: ['the file is not a workbench workspace'] };
  }
  const { cohorts: rawCohorts, ...rest } = o;
  const { state, problems } = readSavedState(rest, {
    source: 'the workspace file',
    cohortIds: false,
    hasColumn: has.column,
  });
  const cohorts = importCohorts({ cohorts: rawCohorts ?? [] }, has);
  const workspace: WorkspaceImport['workspace'] = { cohorts: cohorts.cohorts };
  if (state.roles) workspace.roles = state.roles;
  if (state.compare) workspace.compare = state.compare;
  if (state.view) workspace.view = state.view;
  return { workspace, problems: [...problems, ...cohorts.problems] };
}
