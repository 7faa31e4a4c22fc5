// The state fuzzer: seeded mutations of valid saved state go through the same doors as a
// stored record, a workspace file and a link; each must be read without a throw, within a time
// limit, with nothing reaching Object.prototype, and what is kept must be usable: read again it
// passes unchanged, and the engine evaluates its roles, cohorts and rules without a crash.

import { mulberry32 } from './fuzzMutate';
import { mutateState } from './fuzzStateMutate';
import { CohortError } from '../engine/cohort/truth';
import { readSavedState, type SavedState } from '../state/schema';
import { importWorkspace } from '../state/workspaceFile';
import { readLinkState } from '../state/urlState';
import { validateRule } from '../engine/rules/limits';
import type { Session } from '../worker/session/session';

export type StateDoor = 'stored' | 'workspace' | 'link';

export interface StateCaseResult {
  seed: number;
  door: StateDoor;
  what: string;
  ms: number;
  /** Why the case failed, or null. */
  failure: string | null;
  dropped: number;
}

/** A link carrying the state: each part a URL parameter, as the app writes them. */
function asLink(text: string): string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return `?cohorts=${encodeURIComponent(text)}`;
  }
  if (!v || typeof v !== 'object') return `?roles=${encodeURIComponent(text)}`;
  const q = new URLSearchParams();
  for (const [k, part] of Object.entries(v)) {
    const name = k === 'activeId' ? 'active' : k;
    if (name === 'sort' && part && typeof part === 'object') {
      const s = part as { id?: unknown; desc?: unknown };
      q.set('sort', `${s.desc === true ? '-' : ''}${String(s.id)}`);
    } else q.set(name, typeof part === 'string' ? part : JSON.stringify(part));
  }
  return `?${q}`;
}

async function read(
  door: StateDoor,
  text: string,
  has: (c: string) => boolean,
): Promise<{ state: SavedState; problems: string[] }> {
  if (door === 'link') return readLinkState(asLink(text), has);
  if (door === 'workspace') {
    const { workspace: w, problems } = importWorkspace(text, { column: has, version: () => true });
    return {
      state: {
        roles: w.roles ?? null,
        cohorts: w.cohorts,
        activeId: null,
        compare: w.compare ?? null,
        view: w.view ?? null,
        row: null,
        sort: null,
        cols: null,
      },
      problems,
    };
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = text; // a link's broken JSON reaches the schema as text
  }
  return readSavedState(v, { source: door, cohortIds: true, hasColumn: has });
}

/** Uses what was kept as the app would: analyse with the roles, evaluate cohorts, check rules. */
function applyKept(state: SavedState, session: Session): string | null {
  if (state.roles) session.analyse(state.roles);
  for (const r of state.compare?.rules ?? []) {
    const why = validateRule(r);
    if (why) return `a kept rule is invalid: ${why}`;
  }
  for (const c of state.cohorts ?? []) {
    try {
      session.cohorts([c]);
    } catch (err) {
      if (!(err instanceof CohortError)) return `cohort ${c.name} threw ${(err as Error).message}`;
    }
  }
  return null;
}

export async function stateCase(
  seed: number,
  bases: Record<StateDoor, unknown>,
  session: Session,
  has: (c: string) => boolean,
  maxMs: number,
): Promise<StateCaseResult> {
  const rng = mulberry32(seed);
  const door = (['stored', 'workspace', 'link'] as const)[Math.floor(rng() * 3)]!;
  const m = mutateState(bases[door], rng);
  const text = m.text ?? JSON.stringify(m.value);
  const t = performance.now();
  let failure: string | null = null;
  let dropped = 0;
  try {
    const { state, problems } = await read(door, text, has);
    dropped = problems.length;
    if (({} as Record<string, unknown>).polluted !== undefined)
      failure = 'Object.prototype was polluted';
    // What was kept is valid: read again (as storage will), it passes with nothing dropped.
    const again =
      door === 'workspace'
        ? null
        : readSavedState(structuredClone(state), { source: door, cohortIds: true, hasColumn: has });
    if (again && again.problems.length) failure = `kept state is not valid: ${again.problems[0]}`;
    failure ??= applyKept(state, session);
  } catch (err) {
    failure = `threw ${(err as Error).message}`;
  }
  const ms = performance.now() - t;
  if (!failure && ms > maxMs) failure = `took ${ms.toFixed(0)} ms`;
  return { seed, door, what: m.what, ms, failure, dropped };
}
