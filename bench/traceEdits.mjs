#!/usr/bin/env node
// Where a cohort edit's round trip goes (issue 15): the bench session's cohort edits at one size
// in the built app (bench/data/app-dist, or --dist=dir), with the app's opt-in spans
// (src/shared/trace.ts) and a Chromium trace, printed per edit on the page's clock from the
// "Save cohort" click to the wb:cohort-updated mark: the RPC and the worker's run, and every
// main-thread task in between with its biggest parts (script, style, layout, paint).
//
//   node bench/traceEdits.mjs --size=1m [--edits=7] [--dist=bench/data/app-dist] [--port=4268]
/* global window */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../scripts/ensure-chromium.mjs';
import { APP_DIST, CHROMIUM, ROOT } from './lib/config.mjs';
import { killChildren, startServer, waitForServer } from './lib/servers.mjs';
import { appPage, openInApp } from './lib/session/measure.mjs';
import { installSessionProbe } from './lib/session/probe.mjs';
import { readTrace, startTrace } from './lib/interact/trace.mjs';
import { sleep } from './lib/util.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const size = args.size ?? '1m';
const edits = Number(args.edits ?? 7);
const dist = args.dist ? join(ROOT, args.dist) : APP_DIST;
const port = Number(args.port ?? process.env.BENCH_PORT ?? 4281);
const wait = Number(args.wait ?? 500);

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
].join(',');

/** Main-thread tasks of the trace in [a, b] (page ms), with their largest child events. */
function tasksIn(events, originUs, a, b, main = mainThread(events), min = 0.5) {
  const at = (e) => (e.ts - originUs) / 1000;
  const tasks = events.filter(
    (e) => e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.name === 'RunTask',
  );
  const out = [];
  for (const t of tasks) {
    const s = at(t);
    const d = (t.dur ?? 0) / 1000;
    if (s + d < a || s > b || d < min) continue;
    const kids = events.filter(
      (e) =>
        e.tid === t.tid &&
        e.pid === t.pid &&
        e.ph === 'X' &&
        e !== t &&
        e.ts >= t.ts &&
        e.ts < t.ts + t.dur &&
        (e.dur ?? 0) > 300,
    );
    const by = new Map();
    for (const k of kids) {
      const n =
        k.name === 'FunctionCall' || k.name === 'EventDispatch' || k.name === 'TimerFire'
          ? `${k.name}:${k.args?.data?.type ?? k.args?.data?.functionName ?? ''}`
          : k.name;
      by.set(n, Math.max(by.get(n) ?? 0, k.dur / 1000));
    }
    const parts = [...by.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 6)
      .map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
    out.push(
      `  ${(s - a).toFixed(1).padStart(7)} ms (${d.toFixed(1).padStart(6)})  ${parts.join(', ')}`,
    );
  }
  return out;
}

function mainThread(events) {
  const names = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const m = names.find((e) => e.args?.name === 'CrRendererMain');
  return { pid: m.pid, tid: m.tid };
}

function workerThreads(events) {
  return events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && /Worker/.test(e.args?.name ?? ''))
    .map((e) => ({ pid: e.pid, tid: e.tid, name: `${e.args.name} ${e.tid}` }));
}

async function main() {
  const server = startServer(['--outDir', dist], ROOT, port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await waitForServer(server);
    const { page } = await appPage(browser);
    await openInApp(page, server.url, size);
    await page.evaluate(installSessionProbe);
    await page.evaluate(() => {
      window.__interact = { changes: {}, longTasks: window.__session.longTasks };
    });
    await page.getByRole('button', { name: 'New cohort' }).click();
    await page.getByLabel('Cohort name').fill('bench range');
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Field of condition 1').selectOption('col:f_num0');
    await page.getByLabel('Minimum of condition 1').fill('-0.5');
    await page.getByLabel('Maximum of condition 1').fill('0.5');
    const waitMark = (n) =>
      page.waitForFunction((k) => window.__session.updated.length >= k, n, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Save cohort' }).click();
    await waitMark(1);
    await sleep(wait);
    await startTrace(page);
    await browser.startTracing(page, { categories: CATEGORIES.split(',') });
    const maxima = ['0.4', '0.6', '0.3', '0.7', '0.45', '0.55', '0.35', '0.65'];
    const spans = [];
    for (let i = 0; i < edits; i++) {
      const before = await page.evaluate(() => window.__session.updated.length);
      await page
        .getByRole('region', { name: 'Cohorts' })
        .getByRole('button', { name: 'Edit', exact: true })
        .click();
      await page.getByLabel('Maximum of condition 1').fill(maxima[i % maxima.length]);
      await page.getByRole('button', { name: 'Save cohort' }).click();
      await waitMark(before + 1);
      const s = await page.evaluate(() => window.__session);
      const t0 = s.saves[s.saves.length - 1];
      const t1 = s.updated[s.updated.length - 1];
      spans.push({
        t0,
        t1,
        text: await readTrace(page, t0, `edit ${i + 1}: ${(t1 - t0).toFixed(1)} ms`),
      });
      await sleep(300);
    }
    const buf = await browser.stopTracing();
    const trace = JSON.parse(buf.toString());
    const events = trace.traceEvents ?? trace;
    // The trace's clock against the page's: the last wb:cohort-updated mark is in both.
    const marks = events.filter((e) => e.name === 'wb:cohort-updated' && e.ph !== 'e');
    let originUs = null;
    if (marks.length) originUs = marks[marks.length - 1].ts - spans[spans.length - 1].t1 * 1000;
    for (const sp of spans) {
      console.log(
        sp.text
          .split('\n')
          .filter((l) => !/dom:/.test(l))
          .join('\n'),
      );
      if (originUs !== null) {
        console.log(' main-thread tasks (start after click, duration, biggest parts):');
        console.log(tasksIn(events, originUs, sp.t0 - 2, sp.t1 + 20).join('\n'));
        for (const w of workerThreads(events)) {
          const lines = tasksIn(events, originUs, sp.t0 - 2, sp.t1, w, 2);
          if (lines.length) console.log(` ${w.name} tasks ≥ 2 ms:\n${lines.join('\n')}`);
        }
      }
    }
    // Per edit: the wait before the worker ran the request, its run, the return to the page
    // (message + the page's tasks ahead of it), and the answer to the frame's mark.
    const phases = spans.map((sp) => {
      const rows = sp.text
        .split('\n')
        .map((l) => l.match(/^\s*(-?[\d.]+) ms\s+\(([\d.]+)\)\s+(\w+)\s+(\S+)/))
        .filter(Boolean)
        .map((m) => ({ at: Number(m[1]), ms: Number(m[2]), where: m[3], name: m[4] }));
      const rpc = rows.find((r) => r.where === 'page' && r.name === 'rpc:cohorts' && r.at >= 0);
      const run = rows.find((r) => r.where === 'worker' && r.name === 'run:cohorts' && r.at >= 0);
      if (!rpc || !run) return null;
      const total = sp.t1 - sp.t0;
      return {
        queued: run.at - rpc.at,
        run: run.ms,
        back: rpc.at + rpc.ms - (run.at + run.ms),
        frame: total - (rpc.at + rpc.ms),
        total,
      };
    });
    console.log('edit  queued  run  back  frame  total (ms)');
    for (const p of phases)
      if (p)
        console.log(
          [p.queued, p.run, p.back, p.frame, p.total]
            .map((x) => x.toFixed(1).padStart(6))
            .join(' '),
        );
    console.log(
      `edits ms: ${spans.map((s) => (s.t1 - s.t0).toFixed(0)).join(', ')}; load ${loadavg()
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
