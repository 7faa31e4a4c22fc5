// Stale requests stop their DuckDB queries. A request of a kind the page asks one at a time
// (the cohort list, Compare, the release-rule grid, the rows of one sort and filter, the slice
// finder) is superseded when a newer one of that kind with other arguments arrives: its running
// statements are interrupted (DuckDB's connection interrupt), the ones it would start next are
// refused, and it is answered with the engine's CancelledError ("cancelled: a newer request
// replaced this one"), which the page already drops as the tab's worker does. The statements a
// request runs find their request through AsyncLocalStorage, so no query family passes it along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CancelledError } from '../engine/stats/poissonBootstrap';

export { CancelledError };

interface Interruptible {
  interrupt(): void;
}

/** One request's statements: interrupted all at once when it is superseded. */
export interface CallScope {
  cancelled: boolean;
  busy: Set<Interruptible>;
}

const current = new AsyncLocalStorage<CallScope>();

/**
 * Runs one statement on connection `c` for the current request: refused when the request was
 * superseded before it started, and interrupted (answered as cancelled) when during.
 */
export async function runScoped<T>(c: Interruptible, run: () => Promise<T>): Promise<T> {
  const scope = current.getStore();
  if (!scope) return run();
  if (scope.cancelled) throw new CancelledError();
  scope.busy.add(c);
  try {
    const out = await run();
    if (scope.cancelled) throw new CancelledError();
    return out;
  } catch (err) {
    throw scope.cancelled ? new CancelledError() : err;
  } finally {
    scope.busy.delete(c);
  }
}

/** Throws when the current request has been superseded (between statements). */
export function checkScope(): void {
  if (current.getStore()?.cancelled) throw new CancelledError();
}

/** What kind of one-at-a-time request a call is, and what makes two of them the same. */
export interface Slot {
  kind: string;
  /** Calls of one kind with the same identity run side by side (e.g. pages of one query). */
  identity: string;
}

/** Requests of each kind still running. */
export class Superseder {
  private running = new Map<string, { identity: string; scope: CallScope }[]>();

  /** Interrupts every running request of `kind` whose identity is not `keep`. */
  cancel(kind: string, keep: string | null = null): void {
    for (const r of this.running.get(kind) ?? []) {
      if (r.identity === keep || r.scope.cancelled) continue;
      r.scope.cancelled = true;
      for (const c of r.scope.busy) c.interrupt();
    }
  }

  /** Runs `fn` as a request of `slot`, superseding older ones of its kind with other arguments. */
  async run<T>(slot: Slot, fn: () => Promise<T>): Promise<T> {
    this.cancel(slot.kind, slot.identity);
    const scope: CallScope = { cancelled: false, busy: new Set() };
    const mine = { identity: slot.identity, scope };
    const list = this.running.get(slot.kind) ?? [];
    this.running.set(slot.kind, [...list, mine]);
    try {
      return await current.run(scope, fn);
    } finally {
      const now = this.running.get(slot.kind)!.filter((r) => r !== mine);
      if (now.length) this.running.set(slot.kind, now);
      else this.running.delete(slot.kind);
    }
  }
}
