// Long computations in the worker give way every few milliseconds, so requests that arrive
// meanwhile (a cohort edit, a page of rows, an operating point, the watchdog's heartbeat) are
// answered between two pieces instead of after the whole computation.
import { drainedTurn } from '../scheduler';

// 8 ms, not 30 (issue 15): at 1M rows the "All rows" bootstrap that starts after the open was
// still running during the first cohort edits, and an edit waited for the rest of its slice
// (traced: up to 30 ms of a 29 ms median round trip). A turn costs ~0.1 ms: ~1 % of the bootstrap.
const SLICE_MS = 8;
let sliceStart = performance.now();

/** Resolves at once inside a slice; past SLICE_MS, after the worker has handled its messages. */
export function breathe(): Promise<void> | null {
  if (performance.now() - sliceStart < SLICE_MS) return null;
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      // The requests that arrived meanwhile are queued (scheduler.ts): their turns come after
      // this one, so wait until each has started.
      const after = () => {
        sliceStart = performance.now();
        resolve();
      };
      const d = drainedTurn();
      if (d) void d.then(after);
      else after();
    };
    ch.port2.postMessage(null);
  });
}
