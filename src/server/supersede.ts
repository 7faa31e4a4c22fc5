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

/** Where a request comes from: the page (one per load) and its number in that page's order. */
export interface Sent {
  page: string;
  seq: number;
}

/** Requests of each kind still running, and the newest of each kind each page has sent. */
export class Superseder {
  private running = new Map<string, { identity: string; seq: number; scope: CallScope }[]>();
  private newest = new Map<string, { identity: string; seq: number }>();
  private own = 0;

  /** Kinds are per page: two tabs on one server never supersede each other's requests. */
  private key(kind: string, sent: Sent | undefined): [string, number] {
    return sent ? [`${sent.page}:${kind}`, sent.seq] : [`:${kind}`, ++this.own];
  }

  /** Interrupts every running request of `kind` sent before this one (the page left a view). */
  cancel(kind: string, sent?: Sent): void {
    const [key, seq] = this.key(kind, sent);
    if ((this.newest.get(key)?.seq ?? -1) < seq) this.newest.set(key, { identity: '', seq });
    this.stop(key, seq, null);
  }

  private stop(key: string, seq: number, keep: string | null): void {
    for (const r of this.running.get(key) ?? []) {
      if (r.identity === keep || r.seq > seq || r.scope.cancelled) continue;
      r.scope.cancelled = true;
      for (const c of r.scope.busy) c.interrupt();
    }
  }

  /**
   * Runs `fn` as a request of `slot`, superseding older ones of its kind with other arguments;
   * one that arrives after a newer one of its kind (other arguments, or a cancel) is answered as
   * cancelled at once: the page has moved on.
   */
  async run<T>(slot: Slot, sent: Sent | undefined, fn: () => Promise<T>): Promise<T> {
    const [key, seq] = this.key(slot.kind, sent);
    const newest = this.newest.get(key);
    if (newest && newest.seq > seq && newest.identity !== slot.identity) throw new CancelledError();
    if (!newest || newest.seq < seq) this.newest.set(key, { identity: slot.identity, seq });
    this.stop(key, seq, slot.identity);
    const scope: CallScope = { cancelled: false, busy: new Set() };
    const mine = { identity: slot.identity, seq, scope };
    this.running.set(key, [...(this.running.get(key) ?? []), mine]);
    try {
      return await current.run(scope, fn);
    } finally {
      const now = this.running.get(key)!.filter((r) => r !== mine);
      if (now.length) this.running.set(key, now);
      else this.running.delete(key);
    }
  }
}
