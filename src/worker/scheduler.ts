// Interactive requests first, background work after (issue 15). The page's requests run in
// arrival order from a queue, one per task, instead of straight from their message: by the time
// a queued request runs, every message that arrived before its turn (while the job before it
// ran) has been seen, so a signal
// such as `leaveCompare` can drop the requests of the view the page has left (their answers would
// be thrown away) before they hold the worker. Background work (the bootstrap nobody waits for,
// Compare's warm-up, deferred column decode) asks `backgroundTurn` before each piece: it waits
// while requests are queued and, unless a person is waiting for that work, until the page has
// been quiet for a moment (it renders an answer and often asks again right after).

/** Quiet time (ms) after a request before work nobody waits for resumes. */
export const QUIET_MS = 100;

interface Job {
  name: string;
  arrival: number;
  start: () => void;
  drop: (err: Error) => void;
}

const queue: Job[] = [];
/** Requests that have arrived so far, and the arrival number of the one being started. */
let arrivals = 0;
let starting = 0;
/** When the last request was started or settled (performance.now()). */
let lastActivity = -Infinity;
let drained: (() => void)[] = [];

const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
if (channel) {
  channel.port1.onmessage = () => tick();
  // Node (tests): an open port would keep the process alive after the last test.
  (channel.port1 as unknown as { unref?: () => void }).unref?.();
}
/**
 * One turn at a time, posted when the queue gets its first job or a job has started: it comes
 * behind the messages that arrived meanwhile (same task source), so those are queued (or, for a
 * signal such as leaveCompare, acted on) before the next job is picked.
 */
let posted = false;
const post = () => {
  if (posted) return;
  posted = true;
  if (channel) channel.port2.postMessage(null);
  else setTimeout(tick, 0);
};

function tick(): void {
  posted = false;
  const job = queue.shift();
  if (job) {
    starting = job.arrival;
    try {
      job.start();
    } catch (err) {
      job.drop(err as Error);
    }
  }
  // Posted after the job's synchronous part: messages that came during it go first.
  if (queue.length > 0) post();
  else {
    const ds = drained;
    drained = [];
    for (const d of ds) d();
  }
}

/** Dropped unstarted: the page no longer wants the answer (it left the view that asked). */
export class Dropped extends Error {
  constructor(name: string) {
    super(`cancelled: the page left the view that asked for ${name}`);
    this.name = 'CancelledError';
  }
}

/** Runs `run` when its turn comes; its start and its end mark the page as active. */
export function enqueue<T>(name: string, run: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({
      name,
      arrival: ++arrivals,
      start: () => {
        lastActivity = performance.now();
        const out = run();
        const settled = () => void (lastActivity = performance.now());
        out.then(settled, settled);
        out.then(resolve, reject);
      },
      drop: reject,
    });
    post();
  });
}

/** Rejects every queued, unstarted request whose method `which` names. */
export function dropQueued(which: (name: string) => boolean): void {
  for (let k = queue.length - 1; k >= 0; k--) {
    const job = queue[k]!;
    if (!which(job.name)) continue;
    queue.splice(k, 1);
    job.drop(new Dropped(job.name));
  }
}

/** How many requests have arrived (a signal answered at once can mark its place among them). */
export function arrived(): number {
  return arrivals;
}

/** The arrival number of the request whose turn it is (while its first part runs). */
export function startingArrival(): number {
  return starting;
}

/** Requests waiting for their turn. */
export function queued(): number {
  return queue.length;
}

/** Null when no request is queued; else resolves once the queue is empty (each one started). */
export function drainedTurn(): Promise<void> | null {
  return queue.length === 0 ? null : new Promise((resolve) => drained.push(resolve));
}

async function whenDrained(): Promise<void> {
  await drainedTurn();
}

/**
 * Before a piece of background work: null when it may go on now; else a promise that resolves
 * once no request is queued and (unless `awaited()`: the page waits for this very work, asked
 * again each time) the page has been quiet for QUIET_MS.
 */
export function backgroundTurn(awaited: () => boolean = () => false): Promise<void> | null {
  const quiet = () => awaited() || performance.now() - lastActivity >= QUIET_MS;
  if (queue.length === 0 && quiet()) return null;
  return (async () => {
    for (;;) {
      if (queue.length > 0) await whenDrained();
      if (quiet()) return;
      const left = QUIET_MS - (performance.now() - lastActivity);
      await new Promise((r) => setTimeout(r, Math.max(1, left)));
      if (queue.length === 0 && quiet()) return;
    }
  })();
}

/** For tests: forget the last activity (no quiet time owed). */
export function resetActivity(): void {
  lastActivity = -Infinity;
}
