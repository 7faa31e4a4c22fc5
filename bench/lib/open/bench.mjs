// open-to-interactive, long tasks and memory of the open: runs per size and their entries.
import { rawColumnBytes, SIZES } from '../../generate.mjs';
import { OPEN_TIMEOUT } from '../config.mjs';
import { waitForQuiet } from '../machine.mjs';
import { log, round, stats } from '../util.mjs';
import { openFloor, openOnce } from './once.mjs';

export async function benchOpen(browser, appUrl, pageUrl, size, opts, record) {
  const rows = SIZES[size];
  const runs = [];
  let failure = null;
  let memory = null;
  const n = size === '10m' ? Math.min(opts.runs, 3) : opts.runs;
  for (let i = 0; i < n; i++) {
    try {
      const quiet = await waitForQuiet(`open ${size} run ${i + 1}`);
      // Memory after the first run's load (fresh page: nothing else alive).
      const r = await openOnce(browser, appUrl, size, {
        timeoutMs: OPEN_TIMEOUT[size],
        memory: i === 0 && opts.only.includes('memory'),
      });
      if (r.memory) memory = r.memory;
      r.quiet = quiet;
      // Right after, at the same machine load: the floor (read + parse the same file, no more).
      if (pageUrl) r.floor = await openFloor(browser, pageUrl, size).catch(() => null);
      log(
        `open ${size} run ${i + 1}/${n}: ${r.ms.toFixed(0)} ms (painted ${r.paintMs.toFixed(0)}, ` +
          `wall ${r.wallMs.toFixed(0)}) phases ${JSON.stringify(r.phases)} long tasks ${r.longTasks.length}` +
          (r.floor
            ? `; floor ${r.floor.totalMs.toFixed(0)} ms (read ${r.floor.readMs.toFixed(0)})`
            : ''),
      );
      runs.push(r);
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
      log(`open ${size} run ${i + 1}/${n} FAILED: ${failure}`);
      break; // a failure at this size is the finding; do not hammer the machine with it
    }
  }
  const phaseNames = ['Reading', 'Decoding', 'Joining', 'summary'];
  const phaseMedians = Object.fromEntries(
    phaseNames.map((p) => [p, stats(runs.map((r) => r.phases[p] ?? NaN)).median_ms]),
  );
  if (opts.only.includes('open')) {
    record({
      name: 'open-to-interactive',
      rows,
      ...stats(runs.map((r) => r.ms)),
      runs: runs.length,
      ...(runs.some((r) => r.floor)
        ? {
            baseline: {
              name: 'read-and-parse-floor',
              median_ms: stats(runs.map((r) => r.floor?.totalMs ?? NaN)).median_ms,
            },
            ratio_to_baseline: round(
              stats(runs.map((r) => (r.floor ? r.ms / r.floor.totalMs : NaN))).median_ms,
              1,
            ),
          }
        : {}),
      painted_median_ms: stats(runs.map((r) => r.paintMs)).median_ms,
      wall_median_ms: stats(runs.map((r) => r.wallMs)).median_ms,
      phases_median_ms: phaseMedians,
      machine_busy_before: runs.map((r) => r.quiet?.busy_before ?? null),
      app_measures_median_ms: Object.fromEntries(
        [...new Set(runs.flatMap((r) => Object.keys(r.measures ?? {})))]
          .filter((k) => k !== 'error')
          .map((k) => [k, stats(runs.map((r) => r.measures?.[k] ?? NaN)).median_ms]),
      ),
      ...(failure ? { failed: failure } : {}),
    });
  }
  if (opts.only.includes('long-tasks')) {
    const counts = runs.map((r) => r.longTasks.length);
    record({
      name: 'long-tasks',
      rows,
      value: counts.length ? Math.max(...counts) : null,
      session: 'open a file (max over runs)',
      per_run: counts,
      longest_ms: round(Math.max(0, ...runs.flatMap((r) => r.longTasks.map((t) => t.ms)))),
      tasks: runs.flatMap((r, i) => r.longTasks.map((t) => ({ run: i + 1, ...t }))),
      ...(failure && !counts.length ? { failed: failure } : {}),
    });
  }
  if (opts.only.includes('memory')) {
    record({
      name: 'memory',
      rows,
      value: memory ? memory.total : null,
      raw_bytes: rawColumnBytes(rows),
      ratio: memory ? round(memory.total / rawColumnBytes(rows), 2) : null,
      renderer_rss_bytes: memory?.rss ?? null,
      peak_renderer_rss_bytes: runs.length ? Math.max(...runs.map((r) => r.peakRss ?? 0)) : null,
      parts: memory
        ? memory.parts.map((p) => ({
            target: p.target,
            heap_used: p.usedSize,
            array_buffers: p.backingStorageSize ?? null,
          }))
        : null,
      ...(failure && !memory ? { failed: failure } : {}),
    });
  }
  return { runs, failure };
}
