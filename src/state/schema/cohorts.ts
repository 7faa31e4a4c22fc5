import type { CohortDef } from '../../protocol';
import { parseCohort } from '../../shared/cohortValidate';
import { type Problems, describe, isName } from './fields';

/** Most cohorts one dataset keeps; beyond this a list is cut, with a message. */
export const MAX_COHORTS = 1000;
/** Most ids one picked-rows cohort holds (a lasso over 1M rows is refused, not stored). */
export const MAX_IDS = 100_000;
/** Most conditions (tree nodes) in one cohort. */
export const MAX_CONDITIONS = 2000;

function size(p: CohortDef['predicate']): { nodes: number; ids: number } {
  let nodes = 0;
  let ids = 0;
  const walk = (q: CohortDef['predicate']): void => {
    nodes++;
    if (q.op === 'and' || q.op === 'or') q.children.forEach(walk);
    else if (q.op === 'not') walk(q.child);
    else if (q.op === 'ids') ids += q.ids.length;
  };
  walk(p);
  return { nodes, ids };
}

/**
 * Cohorts from untrusted JSON: each checked (predicate tree, counts, sizes); bad ones dropped
 * and named. `needId`: stored cohorts keep their ids (other tabs merge by them).
 */
export function readCohorts(v: unknown, problems: Problems, needId: boolean): CohortDef[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    problems.add('the cohorts', `they are ${describe(v)}, not a list`);
    return [];
  }
  if (v.length > MAX_COHORTS)
    problems.add(
      `${v.length - MAX_COHORTS} of ${v.length} cohorts`,
      `at most ${MAX_COHORTS} are kept`,
    );
  const out: CohortDef[] = [];
  const seen = new Set<string>();
  let malformed = 0;
  for (const raw of v.slice(0, MAX_COHORTS)) {
    const c = parseCohort(raw);
    if (!c || (needId && (!isName(c.id) || seen.has(c.id)))) {
      malformed++;
      continue;
    }
    const { nodes, ids } = size(c.predicate);
    if (nodes > MAX_CONDITIONS)
      problems.add(`cohort "${c.name}"`, `it has ${nodes} conditions; at most ${MAX_CONDITIONS}`);
    else if (ids > MAX_IDS)
      problems.add(`cohort "${c.name}"`, `it picks ${ids} rows by id; at most ${MAX_IDS}`);
    else {
      seen.add(c.id);
      out.push(c);
    }
  }
  if (malformed)
    problems.add(
      malformed === 1 ? '1 entry' : `${malformed} entries`,
      'not a valid cohort definition (or a repeated id)',
    );
  return out;
}
