// Work a person does not wait for (mirroring the state into the address and into storage) runs
// after the answers they do wait for are painted, not between their click and that frame.
// Issue 15: a cohort edit's click queued the address rewrite (history.replaceState, 4–30 ms in
// Chromium under load) and the storage write's callbacks (2–6 ms) before the worker's answer, whose
// message then waited for them: traced at 1M, 10–18 ms of a 27–37 ms round trip.

/** Longest wait for answers: a worker busy for seconds must not hold the address and storage. */
const MAX_WAIT_MS = 1000;
/** A frame that does not come (hidden tab) is not waited for longer than this. */
const FRAME_WAIT_MS = 100;

const waiting = new Set<Promise<unknown>>();
const queue: (() => void)[] = [];
let draining = false;

/** Marks `answer` as one the person waits for; returns it. */
export function awaited<T>(answer: Promise<T>): Promise<T> {
  waiting.add(answer);
  const done = () => void waiting.delete(answer);
  answer.then(done, done);
  return answer;
}

/**
 * Runs `f` once the current event is over and the awaited answers then in flight have arrived
 * (at most MAX_WAIT_MS) and been painted; with none in flight, right after the event. Calls run
 * in the order they were made.
 */
export function afterAnswers(f: () => void): void {
  queue.push(f);
  if (draining) return;
  draining = true;
  // After the event: the click that caused the change sends its request after this call.
  window.setTimeout(() => void drain(), 0);
}

async function drain(): Promise<void> {
  const deadline = performance.now() + MAX_WAIT_MS;
  // Nothing awaited (a view switch, a dataset opened): run now, as the plain timer did before.
  const awaitedAny = waiting.size > 0;
  while (waiting.size > 0) {
    const left = deadline - performance.now();
    if (left <= 0) break;
    let timer = 0;
    const timeout = new Promise<void>((resolve) => (timer = window.setTimeout(resolve, left)));
    await Promise.race([Promise.allSettled([...waiting]), timeout]);
    window.clearTimeout(timer);
  }
  if (awaitedAny) await afterNextPaint();
  draining = false;
  for (const f of queue.splice(0)) {
    try {
      f();
    } catch (err) {
      // One failing write must not stop the others; the error is still reported.
      window.setTimeout(() => {
        throw err;
      }, 0);
    }
  }
}

/** A task after the next frame's paint (or after FRAME_WAIT_MS when no frame comes). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    const timer = window.setTimeout(finish, FRAME_WAIT_MS);
    requestAnimationFrame(() =>
      window.setTimeout(() => {
        window.clearTimeout(timer);
        finish();
      }, 0),
    );
  });
}
