// One timed open of a file in the app (fresh context), and the read + parse floor on the page.
/* global window */
import { fileFor, SIZES } from '../../generate.mjs';
import { appMeasures, measureMemory, rendererRss, Targets } from '../cdp.mjs';
import { summarizeProfile } from '../profile.mjs';
import { round } from '../util.mjs';
import { installProbe } from './probe.mjs';

export async function openOnce(
  browser,
  appUrl,
  size,
  { timeoutMs, memory = false, profile = null, file = fileFor(size) },
) {
  const rows = SIZES[size];
  const context = await browser.newContext();
  const page = await context.newPage();
  const crashed = new Promise((_, reject) =>
    page.on('crash', () => reject(new Error('the renderer process crashed (Aw, Snap!)'))),
  );
  crashed.catch(() => {});
  const consoleErrors = [];
  let stopSampler = () => {};
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  try {
    await page.goto(`${appUrl}/?demo=none`);
    const input = page.getByLabel('Open data files');
    await input.waitFor({ state: 'attached' });
    await page.evaluate(installProbe, { rowsText: `${rows.toLocaleString('en-US')} rows` });

    let targets = null;
    const profiles = [];
    if (profile) {
      // Start the CPU profiler in the worker before its first line runs.
      // The worker can attach before attach() returns (it starts at page load): wait for it.
      let ready;
      const attached = new Promise((r) => (ready = r));
      targets = await Targets.attach(page, {
        waitForDebuggerOnStart: true,
        onAttach: async (sid, info) => {
          await attached;
          if (info.type === 'worker') {
            await targets.send(sid, 'Profiler.enable');
            await targets.send(sid, 'Profiler.setSamplingInterval', { interval: 500 });
            await targets.send(sid, 'Profiler.start');
            profiles.push(sid);
          }
          await targets.send(sid, 'Runtime.runIfWaitingForDebugger');
        },
      });
      ready();
      await targets.cdp.send('Profiler.enable');
      await targets.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await targets.cdp.send('Profiler.start');
    }

    const peak = { value: rendererRss() ?? 0 };
    const sampler = setInterval(() => (peak.value = Math.max(peak.value, rendererRss() ?? 0)), 500);
    stopSampler = () => clearInterval(sampler);
    const wall0 = performance.now();
    await input.setInputFiles(file);
    const finished = page.waitForFunction(
      () => window.__bench && (window.__bench.painted !== null || window.__bench.error !== null),
      null,
      { timeout: timeoutMs, polling: 250 },
    );
    await Promise.race([finished, crashed]);
    const wallMs = performance.now() - wall0;
    const b = await page.evaluate(() => window.__bench);
    if (b.error) throw new Error(`the app reported: ${b.error.trim()}`);
    const rel = (t) => (t === null || t === undefined ? null : round(t - b.t0));
    const out = {
      ms: b.done - b.t0,
      paintMs: b.painted - b.t0,
      wallMs,
      phases: Object.fromEntries(Object.entries(b.phases).map(([k, v]) => [k, rel(v)])),
      longTasks: b.longTasks
        .filter((t) => t.start >= b.t0 - 1)
        .map((t) => ({ at: rel(t.start), ms: round(t.ms) })),
    };
    if (profile && targets) {
      out.profiles = {};
      // The engine worker first; a helper worker it starts (Parquet decoding) after it.
      for (const [k, sid] of profiles.entries()) {
        const r = await targets.send(sid, 'Profiler.stop');
        const name = k ? `worker ${k + 1}` : 'worker';
        out.profiles[name] = summarizeProfile(r.profile);
        out.rawProfiles = { ...out.rawProfiles, [name]: r.profile };
      }
      const m = await targets.cdp.send('Profiler.stop');
      out.profiles.main = summarizeProfile(m.profile);
      out.rawProfiles = { ...out.rawProfiles, main: m.profile };
    }
    out.measures = await appMeasures(page);
    if (memory) out.memory = await measureMemory(page);
    out.peakRss = peak.value;
    return out;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `${why}${consoleErrors.length ? ` | console: ${consoleErrors.slice(-3).join(' | ')}` : ''}`,
    );
  } finally {
    stopSampler();
    await context.close().catch(() => {});
  }
}

/** DuckDB-WASM reading `file` (Parquet or CSV) to Arrow, on the bench page in a fresh context;
 * `release` 'old' is DuckDB-WASM 1.28.0, Parquet built in (bench/lib/duckdbParquet.mjs). */
export async function duckdbOpen(browser, pageUrl, file, kind, timeoutMs, release = 'current') {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const failed = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(pageUrl + '/');
    await page.waitForFunction(() => window.benchReady === true);
    await page.getByLabel('Bench data file').setInputFiles(file);
    const run = page
      .evaluate(([k, r]) => window.bench.duckdbOpen(k, 'handle', '*', r), [kind, release])
      .catch((err) => {
        // DuckDB-WASM 1.32 has no Parquet reader built in: it fetches the parquet extension from
        // its extension host when read_parquet is first used, and fails this way when offline.
        const ext = failed.find((u) => u.includes('parquet.duckdb_extension'));
        if (ext)
          throw new Error(
            `DuckDB-WASM could not fetch its parquet extension (${new URL(ext).pathname}); no network here`,
          );
        throw err;
      });
    const crash = new Promise((_, reject) => {
      page.on('crash', () => reject(new Error('the page crashed (out of memory?)')));
      setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return await Promise.race([run, crash]);
  } finally {
    await context.close().catch(() => {});
  }
}

/** read + parse floor of one open, on the bench page in a fresh context (see readFloor). */
export async function openFloor(browser, pageUrl, size) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(pageUrl + '/');
    await page.waitForFunction(() => window.benchReady === true);
    await page.getByLabel('Bench data file').setInputFiles(fileFor(size));
    return await page.evaluate(() => window.bench.readFloor());
  } finally {
    await context.close().catch(() => {});
  }
}
