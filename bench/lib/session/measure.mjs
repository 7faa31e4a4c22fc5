// Measuring in the app's page: worker measures, calm frames, long tasks in a window, the open.
/* global requestAnimationFrame */
import { fileFor, SIZES } from '../../generate.mjs';
import { Targets } from '../cdp.mjs';
import { OPEN_TIMEOUT } from '../config.mjs';
import { round, sleep } from '../util.mjs';

/** `wb:*` measures of every worker, as lists (not just the last of each name). */
export async function workerMeasureLists(page, clear = false) {
  const expr = clear
    ? 'performance.clearMeasures(), "[]"'
    : "JSON.stringify(performance.getEntriesByType('measure').filter((e) => e.name.startsWith('wb:'))" +
      '.map((e) => ({ name: e.name, ms: e.duration })))';
  const out = {};
  const t = await Targets.attach(page);
  try {
    await sleep(200);
    for (const [sid] of t.workers()) {
      const r = await t.send(sid, 'Runtime.evaluate', { expression: expr, returnByValue: true });
      const list = typeof r.result?.value === 'string' ? JSON.parse(r.result.value) : [];
      for (const m of list) (out[m.name] ??= []).push(m.ms);
    }
  } finally {
    await t.cdp.detach().catch(() => {});
  }
  return out;
}

/** Wait (≤ maxMs) until the page draws 20 frames in a row less than 50 ms apart; ms waited. */
export const settle = (page, maxMs = 20_000) =>
  page.evaluate(
    (max) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        let calm = 0;
        let last = t0;
        const tick = (t) => {
          calm = t - last < 50 ? calm + 1 : 0;
          last = t;
          if (calm >= 20 || t - t0 > max) resolve(Math.round(t - t0));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    maxMs,
  );

export const longTasksBetween = (s, a, b) =>
  s.longTasks
    .filter((t) => t.start >= a && t.start < b)
    .map((t) => ({ at: round(t.start - a), ms: round(t.ms) }));

/** The page's performance.now(), to compare with the probes' timestamps. */
export const pageNow = (page) => page.evaluate(() => performance.now());

/** Opens the size's file through the app's picker and waits until the page is calm. */
export async function openInApp(page, appUrl, size) {
  await page.goto(`${appUrl}/?demo=none`);
  const input = page.getByLabel('Open data files');
  await input.waitFor({ state: 'attached' });
  await input.setInputFiles(fileFor(size));
  await page
    .getByRole('status')
    .filter({ hasText: `${SIZES[size].toLocaleString('en-US')} rows` })
    .first()
    .waitFor({ timeout: OPEN_TIMEOUT[size] });
  await page.waitForFunction(
    () => performance.getEntriesByName('wb:overview-ready').length > 0,
    null,
    { timeout: OPEN_TIMEOUT[size] },
  );
  await settle(page);
}

/** A 1400×900 page for the app; `why(err)` says what failed, with the page's last errors. */
export async function appPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const why = (err) =>
    `${err instanceof Error ? err.message.split('\n')[0] : err}${errors.length ? ` | page: ${errors.slice(-2).join(' | ')}` : ''}`;
  return { context, page, why };
}
