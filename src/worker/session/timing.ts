/**
 * Named phases for the benchmark harness: `wb:*` measures are collected from the page and each
 * worker by the bench (bench/lib/session/measure.mjs). Cheap, and harmless where the Performance API is missing.
 */
export function timed<T>(name: string, run: () => T): T {
  const start = typeof performance !== 'undefined' ? performance.now() : 0;
  const out = run();
  try {
    performance.measure(`wb:${name}`, { start });
  } catch {
    // No Performance API (old runtimes): timings are optional.
  }
  return out;
}

/** `timed` for work that awaits (its measure spans the awaits). */
export async function timedAsync<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = typeof performance !== 'undefined' ? performance.now() : 0;
  const out = await run();
  try {
    performance.measure(`wb:${name}`, { start });
  } catch {
    // No Performance API (old runtimes): timings are optional.
  }
  return out;
}
