#!/usr/bin/env node
// What the main thread's long tasks (≥ 50 ms) of the scripted bench session are (issue 15): the
// session of `bench/run.mjs --only=long-tasks` (cohort edits, the Rows view and its scrolling, the
// Map and its panning) or the Slices view's "Find slices", in the built app, under a Chromium
// trace; each long task is printed with its biggest parts (script by function, style, layout,
// paint, by CPU time) so its cause can be named. Tasks are listed by their main-thread CPU time
// (--min-cpu-ms, default 25), so a loaded machine does not hide the intrinsically long ones.
//
//   node bench/traceLongTasks.mjs --size=100k [--what=session|slices|rows] [--dist=dir] [--port=4268]
/* global window */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../scripts/ensure-chromium.mjs';
import { layout, SIZES } from './generate.mjs';
import { APP_DIST, CHROMIUM, ROOT } from './lib/config.mjs';
import { killChildren, startServer, waitForServer } from './lib/servers.mjs';
import { appPage, openInApp } from './lib/session/measure.mjs';
import { installSessionProbe } from './lib/session/probe.mjs';
import { cohortEdits, mapPan, tableScroll } from './lib/session/steps.mjs';
import { sleep } from './lib/util.mjs';
import { summarizeProfile } from './lib/profile.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const size = args.size ?? '100k';
const what = args.what ?? 'session';
const dist = args.dist ? join(ROOT, args.dist) : APP_DIST;
const port = Number(args.port ?? process.env.BENCH_PORT ?? 4281);
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
];

function threadOf(events, name) {
  const m = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === name);
  return m ? { pid: m.pid, tid: m.tid } : null;
}

/** The long tasks of the main thread, each with its largest parts. */
function longTasks(events, minCpuMs = Number(args['min-cpu-ms'] ?? 25)) {
  const main = threadOf(events, 'CrRendererMain');
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
  // By thread time (tdur: CPU time on the main thread), not wall time: on a loaded machine a
  // task's wall time includes the time the thread waited for a core.
  const cpu = (e) => e.tdur ?? e.dur;
  const tasks = mine.filter((e) => e.name === 'RunTask' && cpu(e) >= minCpuMs * 1000);
  return tasks.map((t) => {
    const kids = mine.filter(
      (e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && cpu(e) > 2000,
    );
    const by = new Map();
    for (const k of kids) {
      const d = k.args?.data ?? {};
      const n =
        k.name === 'FunctionCall'
          ? `FunctionCall ${d.functionName || '(anon)'} ${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}`
          : k.name === 'EventDispatch' || k.name === 'TimerFire'
            ? `${k.name} ${d.type ?? d.timerId ?? ''}`
            : k.name === 'Layout'
              ? `Layout (${k.args?.beginData?.dirtyObjects ?? '?'} of ${k.args?.beginData?.totalObjects ?? '?'} objects)`
              : k.name === 'UpdateLayoutTree'
                ? `UpdateLayoutTree (${k.args?.elementCount ?? k.args?.data?.elementCount ?? '?'} elements)`
                : k.name;
      by.set(n, Math.max(by.get(n) ?? 0, cpu(k) / 1000));
    }
    const parts = [...by.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 10)
      .map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
    return { ts: t.ts, ms: t.dur / 1000, cpuMs: cpu(t) / 1000, parts };
  });
}

async function findSlices(page) {
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Slices' }).click();
  for (let r = 0; r < 3; r++) {
    await page.getByRole('button', { name: 'Find slices' }).click();
    await page.getByText(/slices tried/).waitFor({ timeout: 300_000 });
    await page
      .getByText(/\(so far\)/)
      .waitFor({ state: 'detached', timeout: 300_000 })
      .catch(() => {});
    await sleep(1500);
  }
}

/** Opens the Rows view under the CPU profiler until its first rows are drawn (+1 s). */
async function openRows(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Rows' })
    .click();
  await page.locator('.rows-grid .rows-tr:not(.loading)').first().waitFor({ timeout: 300_000 });
  await sleep(1000);
  const { profile } = await cdp.send('Profiler.stop');
  const sum = summarizeProfile(profile, 40);
  if (args['save-profile']) writeFileSync(args['save-profile'], JSON.stringify(profile));
  console.log(`CPU profile of the Rows opening (ms): self`);
  for (const f of sum.self.slice(0, 25)) console.log(`  ${String(f.ms).padStart(6)}  ${f.fn}`);
  console.log('inclusive');
  for (const f of sum.inclusive.slice(0, 40)) console.log(`  ${String(f.ms).padStart(6)}  ${f.fn}`);
}

/**
 * --what=scroll: the Rows view open, then 3 s of wheel steps as the session's scrolling (240 px
 * every ~16 ms) under a trace: the main thread's CPU time per wheel step and per frame, which a
 * loaded machine changes far less than the frame rate.
 */
async function scrollCpu(browser, page) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Rows' })
    .click();
  const grid = page.locator('.rows-grid');
  await page.locator('.rows-grid .rows-tr:not(.loading)').first().waitFor({ timeout: 300_000 });
  await sleep(1000);
  const box = await grid.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.evaluate(() => window.__session.startFrames());
  const end = Date.now() + 3000;
  let steps = 0;
  while (Date.now() < end) {
    await page.mouse.wheel(0, 240);
    steps++;
    await sleep(16);
  }
  const f = await page.evaluate(() => window.__session.stopFrames());
  const events = JSON.parse((await browser.stopTracing()).toString());
  const list = events.traceEvents ?? events;
  const main = threadOf(list, 'CrRendererMain');
  const tasks = list.filter(
    (e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask',
  );
  const cpuMs = tasks.reduce((s, e) => s + (e.tdur ?? e.dur), 0) / 1000;
  const scrollTop = await grid.evaluate((el) => el.scrollTop);
  console.log(
    `scroll: ${steps} wheel steps, ${f.frames} frames (${f.fps.toFixed(1)} fps), scrollTop ${scrollTop}; ` +
      `main-thread CPU ${cpuMs.toFixed(0)} ms = ${(cpuMs / steps).toFixed(2)} ms per step, ` +
      `${(cpuMs / f.frames).toFixed(2)} ms per frame; load ${loadavg()[0].toFixed(2)}`,
  );
}

async function main() {
  const server = startServer(['--outDir', dist], ROOT, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await waitForServer(server);
    const { page } = await appPage(browser);
    await openInApp(page, server.url, size);
    await page.evaluate(installSessionProbe);
    if (what === 'scroll') return await scrollCpu(browser, page);
    await browser.startTracing(page, { categories: CATEGORIES });
    const t0 = await page.evaluate(() => performance.now());
    const marks = [];
    const part = async (name, fn) => {
      marks.push({ name, at: (await page.evaluate(() => performance.now())) - t0 });
      await fn(page, size, {});
    };
    if (what === 'slices') await part('slices', findSlices);
    else if (what === 'rows') await part('opening the Rows view', openRows);
    else {
      await part('cohort edits', cohortEdits);
      await part('rows + scrolling', tableScroll);
      if (layout(SIZES[size]).embedding) await part('map + panning', mapPan);
    }
    const observed = await page.evaluate(() => window.__session.longTasks);
    const buf = await browser.stopTracing();
    const trace = JSON.parse(buf.toString());
    const events = trace.traceEvents ?? trace;
    const list = longTasks(events);
    console.log(
      `parts (ms after start): ${marks.map((m) => `${m.name} ${m.at.toFixed(0)}`).join(', ')}`,
    );
    console.log(
      `long tasks seen by the page: ${observed
        .filter((t) => t.start >= t0)
        .map((t) => `${(t.start - t0).toFixed(0)} (${t.ms.toFixed(0)} ms)`)
        .join(', ')}`,
    );
    const first = events.find((e) => e.name === 'RunTask')?.ts ?? 0;
    for (const t of list)
      console.log(
        `+${((t.ts - first) / 1000).toFixed(0)} ms in the trace: ${t.ms.toFixed(1)} ms (CPU ${t.cpuMs.toFixed(1)} ms)\n    ${t.parts.join('\n    ')}`,
      );
    console.log(
      `load ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await browser.close();
    killChildren();
  }
}

main().catch((e) => {
  console.error(e);
  killChildren();
  process.exit(1);
});
