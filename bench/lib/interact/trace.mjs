// --trace for bench/interact.mjs: turns on the app's opt-in spans (src/shared/trace.ts) in the
/* global window */
// page and every worker, and afterwards prints one timeline of a step on the page's clock: the
// page's RPC spans (send → answer), the worker's runs and phases (`wb:*` measures, shifted by the
// difference of the two timeOrigins), the watched elements' changes and the long tasks.
import { Targets } from '../cdp.mjs';
import { sleep } from '../util.mjs';

const ENABLE = 'self.__wbTrace = true; performance.clearMeasures(); "ok"';
const READ =
  'JSON.stringify({ origin: performance.timeOrigin, list: performance.getEntriesByType("measure")' +
  '.filter((e) => e.name.startsWith("wb:")).map((e) => ({ name: e.name, start: e.startTime, ms: e.duration })) })';

async function everyWorker(page, expression) {
  const t = await Targets.attach(page);
  try {
    await sleep(200);
    const out = [];
    for (const [sid] of t.workers()) {
      const r = await t.send(sid, 'Runtime.evaluate', { expression, returnByValue: true });
      out.push(r.result?.value);
    }
    return out;
  } finally {
    await t.cdp.detach().catch(() => {});
  }
}

export async function startTrace(page) {
  await page.evaluate(ENABLE);
  await everyWorker(page, ENABLE);
}

/** The timeline from `from` (page ms) on, as lines "  +123.4 ms  (45.6 ms)  where  name". */
export async function readTrace(page, from, label) {
  const mine = JSON.parse(await page.evaluate(READ));
  const rows = mine.list.map((e) => ({ ...e, where: 'page' }));
  for (const w of await everyWorker(page, READ)) {
    const { origin, list } = JSON.parse(w);
    const shift = origin - mine.origin;
    for (const e of list) rows.push({ ...e, start: e.start + shift, where: 'worker' });
  }
  const probe = await page.evaluate(() => ({
    changes: window.__interact.changes,
    longTasks: window.__interact.longTasks,
  }));
  for (const [name, list] of Object.entries(probe.changes))
    for (const c of list)
      rows.push({
        name: `dom:${name} ${String(c.text ?? '').slice(0, 60)}`,
        start: c.t,
        ms: 0,
        where: 'page',
      });
  for (const t of probe.longTasks)
    rows.push({ name: 'longtask', start: t.start, ms: t.ms, where: 'page' });
  const lines = rows
    .filter((r) => r.start + r.ms >= from - 5)
    .sort((a, b) => a.start - b.start)
    .map(
      (r) =>
        `  ${(r.start - from).toFixed(1).padStart(8)} ms  ${`(${r.ms.toFixed(1)})`.padStart(9)}  ${r.where.padEnd(6)}  ${r.name.replace(/^wb:(trace:)?/, '')}`,
    );
  const text = `${label}\n${lines.join('\n')}\n`;
  await startTrace(page); // clears for the next step
  return text;
}
