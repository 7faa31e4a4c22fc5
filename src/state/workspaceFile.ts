import type { RoleMapping } from '../shared/roles';
import type { CohortDef } from '../protocol';
import { importCohorts } from './cohortFiles';
import { type CompareSettings, parseCompare } from './urlState';
import type { ViewName } from './viewStore';

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
 * Reads a workspace file. Cohorts go through the same checks as a cohorts file (missing columns
 * named, the rest kept); roles naming columns this dataset lacks are not applied.
 */
export function importWorkspace(
  text: string,
  has: { column: (name: string) => boolean; version: (name: string) => boolean },
): WorkspaceImport {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { workspace: { cohorts: [] }, problems: ['the file is not JSON'] };
  }
  if (!parsed || parsed.format !== WORKSPACE_FORMAT) {
    return { workspace: { cohorts: [] }, problems: ['the file is not a workbench workspace'] };
  }
  const problems: string[] = [];
  const cohorts = importCohorts(JSON.stringify({ cohorts: parsed.cohorts ?? [] }), has);
  problems.push(...cohorts.problems);
  const workspace: WorkspaceImport['workspace'] = { cohorts: cohorts.cohorts };
  const roles = parsed.roles as RoleMapping | null;
  if (roles && Array.isArray(roles.versions)) {
    const named = [
      roles.id,
      roles.label,
      ...roles.versions.flatMap((v) => [v.prediction, v.score, v.probabilities]),
    ];
    const missing = named.filter((c): c is string => typeof c === 'string' && !has.column(c));
    if (missing.length)
      problems.push(
        `the saved roles name columns this dataset lacks (${missing.join(', ')}); the current roles were kept`,
      );
    else workspace.roles = roles;
  }
  const compare = parseCompare(parsed.compare);
  if (compare) workspace.compare = compare;
  if (typeof parsed.view === 'string') workspace.view = parsed.view as ViewName;
  return { workspace, problems };
}
