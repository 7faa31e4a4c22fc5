// CDP: the page's session plus its workers (non-flattened child sessions); memory and measures.
import { execFileSync } from 'node:child_process';
import { round, sleep } from './util.mjs';

export class Targets {
  constructor(cdp) {
    this.cdp = cdp;
    this.sessions = new Map(); // sessionId -> targetInfo
    this.pending = new Map();
    this.nextId = 1;
    this.onAttach = null;
    cdp.on('Target.attachedToTarget', (e) => {
      this.sessions.set(e.sessionId, e.targetInfo);
      if (this.onAttach) void this.onAttach(e.sessionId, e.targetInfo);
    });
    cdp.on('Target.detachedFromTarget', (e) => this.sessions.delete(e.sessionId));
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(new Error(`${p.method}: ${m.error.message}`));
      else p.resolve(m.result);
    });
  }
  static async attach(page, { waitForDebuggerOnStart = false, onAttach = null } = {}) {
    const cdp = await page.context().newCDPSession(page);
    const t = new Targets(cdp);
    t.onAttach = onAttach;
    await cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart,
      flatten: false,
    });
    return t;
  }
  send(sessionId, method, params = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch(reject);
    });
  }
  workers() {
    return [...this.sessions.entries()].filter(([, info]) => info.type === 'worker');
  }
}

/** JS heap + array buffers of the page and each of its workers, after a full GC. */
export async function measureMemory(page) {
  const t = await Targets.attach(page);
  await sleep(300);
  const parts = [];
  await t.cdp.send('HeapProfiler.collectGarbage');
  const main = await t.cdp.send('Runtime.getHeapUsage');
  parts.push({ target: 'page', ...main });
  for (const [sid, info] of t.workers()) {
    await t.send(sid, 'HeapProfiler.collectGarbage');
    const u = await t.send(sid, 'Runtime.getHeapUsage');
    // WebAssembly memories (the app keeps vector columns there) are in neither count above.
    const w = await t.send(sid, 'Runtime.evaluate', {
      expression: "typeof __wbWasmBytes === 'function' ? __wbWasmBytes() : 0",
      returnByValue: true,
    });
    const wasmBytes = Number(w.result?.value) || 0;
    parts.push({ target: `worker ${info.url.split('/').pop()}`, ...u, wasmBytes });
  }
  const total = parts.reduce(
    (s, p) => s + p.usedSize + (p.backingStorageSize ?? 0) + (p.wasmBytes ?? 0),
    0,
  );
  await t.cdp.detach().catch(() => {});
  return { total, parts, rss: rendererRss() };
}

/**
 * The app's own timing breakdown, when it has one: `performance.measure` entries whose names
 * start with "wb:" in the page and in each worker (see RESULTS.md, "Hooks wanted"). Read through
 * CDP after the open, so the app needs no bench-specific code. Empty until the app adds them.
 */
export async function appMeasures(page) {
  const expr =
    "JSON.stringify(performance.getEntriesByType('measure').filter((e) => e.name.startsWith('wb:'))" +
    '.map((e) => ({ name: e.name, start: e.startTime, ms: e.duration })))';
  const out = {};
  try {
    const t = await Targets.attach(page);
    await sleep(200);
    const main = await t.cdp.send('Runtime.evaluate', { expression: expr, returnByValue: true });
    const list = (v) => (typeof v === 'string' ? JSON.parse(v) : []);
    for (const m of list(main.result?.value)) out[`page ${m.name}`] = round(m.ms);
    for (const [sid] of t.workers()) {
      const r = await t.send(sid, 'Runtime.evaluate', { expression: expr, returnByValue: true });
      for (const m of list(r.result?.value)) out[`worker ${m.name}`] = round(m.ms);
    }
    await t.cdp.detach().catch(() => {});
  } catch (err) {
    out.error = err instanceof Error ? err.message : String(err);
  }
  return out;
}

/** Resident set of the browser's renderer processes (Linux /proc), as a cross-check. */
export function rendererRss() {
  try {
    const root = process.pid; // Playwright starts Chromium as our child process

    const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,args=']).toString();
    const procs = out
      .trim()
      .split('\n')
      .map((l) => {
        const m = l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/);
        return m && { pid: +m[1], ppid: +m[2], rss: +m[3] * 1024, args: m[4] };
      })
      .filter(Boolean);
    const desc = new Set([root]);
    for (let grew = true; grew;) {
      grew = false;
      for (const p of procs)
        if (!desc.has(p.pid) && desc.has(p.ppid)) {
          desc.add(p.pid);
          grew = true;
        }
    }
    return procs
      .filter((p) => desc.has(p.pid) && p.args.includes('--type=renderer'))
      .reduce((s, p) => s + p.rss, 0);
  } catch {
    return null;
  }
}
