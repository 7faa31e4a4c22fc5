// slice-finder: the Slices view's search (default settings) after the file is open, per size.
/* global window */
import { loadavg } from 'node:os';
import { SIZES } from '../../generate.mjs';
import { waitForQuiet } from '../machine.mjs';
import { appPage, longTasksBetween, openInApp, settle } from '../session/measure.mjs';
import { log, round, stats } from '../util.mjs';
import { installSlicesProbe } from './probe.mjs';

const SLICES_TIMEOUT = { '100k': 120_000, '1m': 300_000, '10m': 900_000 };

export async function benchSlices(browser, appUrl, size, opts, record) {
  const rows = SIZES[size];
  const { context, page, why } = await appPage(browser);
  const n = opts.slicesRuns ?? 3;
  const runs = [];
  let failed = null;
  let quiet = null;
  try {
    await openInApp(page, appUrl, size);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Slices' })
      .click();
    const find = page.getByRole('button', { name: 'Find slices' });
    await find.waitFor();
    await page.evaluate(installSlicesProbe);
    for (let i = 0; i < n; i++) {
      await settle(page);
      const q = await waitForQuiet(`slice-finder ${size} run ${i + 1}`);
      quiet ??= q;
      await find.click();
      await page.waitForFunction(
        (k) => {
          const r = window.__slices.runs[k];
          return r && (r.painted !== null || r.error !== null);
        },
        i,
        { timeout: SLICES_TIMEOUT[size], polling: 250 },
      );
      const p = await page.evaluate(() => window.__slices);
      const r = p.runs[i];
      if (r.error) throw new Error(`the app reported: ${r.error.trim()}`);
      const num = (re) => {
        const m = r.note.match(re);
        return m ? Number(m[1].replace(/,/g, '')) : null;
      };
      const out = {
        ms: r.done - r.t0,
        paintMs: r.painted - r.t0,
        firstPartialMs: r.firstPartial === null ? null : r.firstPartial - r.t0,
        workerS: num(/(\d+(?:\.\d+)?) s\.\s*$/),
        tried: num(/over ([\d,]+) slices tried/),
        tested: num(/\(([\d,]+) tested/),
        features: num(/([\d,]+) features/),
        minSize: num(/Minimum ([\d,]+) rows/),
        slices: (() => {
          const m = r.caption.match(/^([\d,]+) slices/);
          return m ? Number(m[1].replace(/,/g, '')) : 0;
        })(),
        longTasks: longTasksBetween(p, r.t0, r.painted),
        quiet: q,
      };
      runs.push(out);
      log(
        `slice-finder ${size} run ${i + 1}/${n}: ${out.ms.toFixed(0)} ms (painted ${out.paintMs.toFixed(0)}, ` +
          `first partial ${out.firstPartialMs?.toFixed(0) ?? '–'}; app says ${out.workerS} s), ` +
          `${out.tried} tried / ${out.tested} tested, ${out.features} features, ${out.slices} slices listed; ` +
          `long tasks ${out.longTasks.length}${out.longTasks.length ? ` (${out.longTasks.map((t) => t.ms).join(', ')} ms)` : ''}`,
      );
    }
  } catch (err) {
    failed = why(err);
    log(`slice-finder ${size} FAILED: ${failed}`);
  } finally {
    await context.close().catch(() => {});
  }
  const last = runs[runs.length - 1] ?? {};
  const load = {
    machine_busy_before: runs.map((r) => r.quiet?.busy_before ?? null),
    load1_before: runs.map((r) => r.quiet?.load1 ?? null),
    load1_after: round(loadavg()[0], 2),
  };
  record({
    name: 'slice-finder',
    rows,
    ...stats(runs.map((r) => r.ms)),
    runs: runs.length,
    per_run_ms: runs.map((r) => round(r.ms)),
    first_run_ms: runs.length ? round(runs[0].ms) : null,
    painted_median_ms: stats(runs.map((r) => r.paintMs)).median_ms,
    first_partial_median_ms: stats(runs.map((r) => r.firstPartialMs ?? NaN)).median_ms,
    app_elapsed_s: runs.map((r) => r.workerS),
    what:
      'Slices view, default settings (where the last version fails, max 3 conditions, 5 quantile ' +
      'bins, minimum size auto): click on "Find slices" → the progress bar is gone and the note ' +
      'says "… slices tried" with the caption not "(so far)"; timed in the page (performance.now, ' +
      'MutationObserver). Same page for every run: the first run also bins the numeric features ' +
      '(cached per bin count in the worker), the later ones do not',
    features: last.features ?? null,
    slices_tried: last.tried ?? null,
    slices_tested: last.tested ?? null,
    slices_listed: last.slices ?? null,
    min_size: last.minSize ?? null,
    long_tasks: runs.length ? Math.max(...runs.map((r) => r.longTasks.length)) : null,
    ...load,
    ...(failed ? { failed } : {}),
  });
  const counts = runs.map((r) => r.longTasks.length);
  record({
    name: 'long-tasks (slice-finder)',
    rows,
    value: counts.length ? Math.max(...counts) : null,
    per_run: counts,
    longest_ms: round(Math.max(0, ...runs.flatMap((r) => r.longTasks.map((t) => t.ms)))),
    tasks: runs.flatMap((r, i) => r.longTasks.map((t) => ({ run: i + 1, ...t }))),
    what: 'main-thread tasks ≥ 50 ms from the click on "Find slices" to the frame after the results (max over runs)',
    ...load,
    ...(failed && !counts.length ? { failed } : {}),
  });
}
