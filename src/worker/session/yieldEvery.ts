// Long computations in the worker give way every few tens of milliseconds, so requests that
// arrive meanwhile (a page of rows, an operating point, the watchdog's heartbeat) are answered
// between two pieces instead of after the whole computation.

const SLICE_MS = 30;
let sliceStart = performance.now();

/** Resolves at once inside a slice; past SLICE_MS, after the worker has handled its messages. */
export function breathe(): Promise<void> | null {
  if (performance.now() - sliceStart < SLICE_MS) return null;
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      sliceStart = performance.now();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
