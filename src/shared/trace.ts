// Opt-in spans for profiling an interaction (bench/interact.mjs --trace): off unless the bench
// sets `__wbTrace` in the page or a worker (through the DevTools protocol), so the app records
// nothing in normal use. Spans are `wb:trace:*` measures; the bench reads them with
// performance.timeOrigin to put the page's and the worker's on one clock.
const on = () => (globalThis as { __wbTrace?: boolean }).__wbTrace === true;

/** performance.now() when tracing, else 0 (pass it to `span`). */
export function traceStart(): number {
  return on() ? performance.now() : 0;
}

/** A span from `start` (traceStart) to now, named `wb:trace:<name>`; nothing when not tracing. */
export function span(name: string, start: number): void {
  if (!on() || !start) return;
  try {
    performance.measure(`wb:trace:${name}`, { start });
  } catch {
    // No Performance API: tracing is optional.
  }
}

/** An instant, as a span of zero length. */
export function traceMark(name: string): void {
  if (on()) span(name, performance.now());
}
