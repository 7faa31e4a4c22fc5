import { create } from 'zustand';
import type { CohortDef, CohortStats, Predicate } from '../protocol';
import { client } from '../worker/client';
import { MAX_COHORTS } from './schema/cohorts';
import { awaited } from './afterAnswers';

interface CohortState {
  /** Saved, named cohorts, in the order the user made them. */
  cohorts: CohortDef[];
  /** By cohort id (a Map: ids come from links and files, and may be "constructor"). */
  stats: Map<string, CohortStats>;
  /** The cohort every view is restricted to; null = all rows. */
  activeId: string | null;
  /** The dataset fingerprint the cohorts are stored under. */
  fingerprint: string | null;
  add: (name: string, predicate: Predicate) => CohortDef;
  update: (id: string, patch: Partial<Omit<CohortDef, 'id'>>) => void;
  remove: (id: string) => void;
  setActive: (id: string | null) => void;
  replaceAll: (cohorts: CohortDef[], fingerprint: string | null, activeId?: string | null) => void;
  refresh: () => Promise<void>;
}

let counter = 0;
export function newCohortId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter}`;
}

export const useCohorts = create<CohortState>((set, get) => ({
  cohorts: [],
  stats: new Map(),
  activeId: null,
  fingerprint: null,

  add: (name, predicate) => {
    const c: CohortDef = { id: newCohortId(), name, predicate };
    set({ cohorts: [...get().cohorts, c] });
    void get().refresh();
    return c;
  },
  update: (id, patch) => {
    set({ cohorts: get().cohorts.map((c) => (c.id === id ? { ...c, ...patch } : c)) });
    void get().refresh();
  },
  remove: (id) => {
    set({
      cohorts: get().cohorts.filter((c) => c.id !== id),
      activeId: get().activeId === id ? null : get().activeId,
    });
  },
  setActive: (activeId) => set({ activeId }),
  replaceAll: (cohorts, fingerprint, activeId = null) => {
    set({ cohorts, fingerprint, activeId, stats: new Map() });
    void get().refresh();
  },
  refresh: async () => {
    const defs = get().cohorts;
    if (defs.length === 0) return set({ stats: new Map() });
    try {
      // Awaited: the address and storage writes of the edit wait for these numbers' frame.
      const list = await awaited(client.cohorts(defs));
      set({ stats: new Map(list.map((s) => [s.id, s])) });
      // For the benchmark: the frame that shows the new cohort numbers has been painted. The
      // DOM holds them by now; a task posted from that frame's animation callback runs after the
      // frame's style, layout and paint (marking inside the callback left those 1–3 ms out).
      requestAnimationFrame(() =>
        window.setTimeout(
          () => performance.mark('wb:cohort-updated', { detail: { cohorts: defs.length } }),
          0,
        ),
      );
    } catch {
      // No dataset open yet: stats arrive with the next refresh.
    }
  },
}));

/**
 * Adds imported cohorts, up to MAX_COHORTS in all; returns a message naming what was left out.
 */
export function appendCohorts(imported: CohortDef[]): string | null {
  const store = useCohorts.getState();
  const room = Math.max(0, MAX_COHORTS - store.cohorts.length);
  const kept = imported.slice(0, room);
  if (kept.length) store.replaceAll([...store.cohorts, ...kept], store.fingerprint, store.activeId);
  const left = imported.length - kept.length;
  return left > 0
    ? `${left} of ${imported.length} cohorts were not added: a dataset keeps at most ${MAX_COHORTS}`
    : null;
}

/** The active cohort's predicate, or null for all rows. */
export function activePredicate(s: CohortState): Predicate | null {
  return s.cohorts.find((c) => c.id === s.activeId)?.predicate ?? null;
}

/** JSON with object keys sorted, so two predicates built in different orders compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** A saved cohort with exactly this predicate, if any. */
export function sameCohort(predicate: Predicate): CohortDef | undefined {
  const key = canonical(predicate);
  return useCohorts.getState().cohorts.find((c) => canonical(c.predicate) === key);
}

/**
 * The one action every chart and table uses to turn a selection (brushed range, clicked cell,
 * lasso, picked rows) into a saved cohort; it becomes the active one. A selection equal to a
 * saved cohort makes that one active instead of a duplicate (`existed` says so).
 */
export function cohortFromSelection(
  name: string,
  predicate: Predicate,
): CohortDef & { existed: boolean } {
  const same = sameCohort(predicate);
  const c = same ?? useCohorts.getState().add(name, predicate);
  useCohorts.getState().setActive(c.id);
  return { ...c, existed: same !== undefined };
}
