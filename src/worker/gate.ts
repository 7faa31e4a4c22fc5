// Requests that reach a column still being read wait for it (src/worker/session/deferred.ts):
// the request throws ColumnPending, the gate waits for that column and runs it again. A column
// that cannot be read ends the request with its reason, never a request that hangs.
import { ColumnPending } from './session/deferred';
import type { Session } from './session/session';
import { type Predicate, columnsOf } from '../shared/predicate';
import { span, traceStart } from '../shared/trace';
import { enqueue } from './scheduler';

/** Runs `run`; while it meets columns still being read, waits for each and runs it again. */
export async function gated<T>(session: Session, run: () => T | Promise<T>): Promise<T> {
  let waited: string | null = null;
  for (;;) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof ColumnPending)) throw err;
      // A column still pending right after it was reported read would loop: fail instead.
      if (err.column === waited) throw new Error(`the column "${waited}" did not become readable`);
      await session.columnReady(err.column);
      waited = err.column;
    }
  }
}

type Methods = Record<string, (...args: never[]) => unknown>;

/**
 * The columns named by cohort predicates anywhere in a request's arguments (a cohort, a list of
 * cohort definitions, a request holding them). A request waits for them before it runs, so no
 * service can take "still being read" for an answer (some report a cohort's error and go on).
 */
export function predicateColumns(args: readonly unknown[]): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || depth > 4) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.op === 'string') {
      for (const c of columnsOf(o as unknown as Predicate)) out.add(c);
      return;
    }
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  walk(args, 0);
  return [...out];
}

/** Answered the moment they arrive: the heartbeat, signals, and what stops running work. */
const AT_ONCE = ['open', 'ping', 'spin', 'holdColumns', 'cancelOpen', 'leaveCompare'];

/**
 * Every method of `api` behind the gate, except `open` (which must not wait for the dataset it
 * replaces). Those named in `needAll` read every column (row detail: 'all'; the slice finder:
 * 'features', every column but the embeddings): they wait for those first, so they never answer
 * from the columns read so far. Every request but those in AT_ONCE takes its turn in the
 * scheduler's queue (scheduler.ts), in arrival order.
 */
export function gateAll<A extends Methods>(
  session: Session,
  api: A,
  needAll: Map<string, 'all' | 'features'>,
): A {
  const out: Methods = {};
  for (const [name, fn] of Object.entries(api)) {
    out[name] = AT_ONCE.includes(name)
      ? fn
      : (...args: never[]) => {
          const t = traceStart();
          const out = enqueue(name, () =>
            gated(session, () => {
              const needs = needAll.get(name);
              if (needs) session.dataset.requireAll(needs === 'all');
              session.requirePending(predicateColumns(args));
              return fn(...args);
            }),
          );
          if (t)
            out.then(
              () => span(`run:${name}`, t),
              () => span(`run:${name}`, t),
            );
          return out;
        };
  }
  return out as A;
}
