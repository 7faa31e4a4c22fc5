#!/usr/bin/env node
/* global window, document, Element, MutationObserver, requestAnimationFrame */
// Benchmarks of the production build in headless Chromium (see bench/README.md).
//
//   npm run bench                                   # default sizes 100k,1m; everything
//   npm run bench -- --sizes=100k,1m,10m --only=open,memory,long-tasks,knn,confusion
//   npm run bench -- --runs=5 --app=head|worktree|<commit> --profile --no-build --timeout-min=40
//   npm run bench -- --report        # only rewrite RESULTS.md's table from results.json
//
// Writes bench/results.json (merged: a run replaces the entries of the same name and rows) and
// the table in bench/RESULTS.md between the results markers. Generated inputs and builds live in
// bench/data/ (gitignored).
//
// `cohort-update`, `table-scroll-fps`, `map-pan-fps` and the scripted-session `long-tasks` entry
// come from one scripted session per size in the app (benchSession); cohort-update's baseline is
// the DuckDB-WASM figure of the `engine-confusion` run at the same size (same aggregates).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { SIZES, fileFor, generate, layout, rawColumnBytes } from './generate.mjs';
import { CHROMIUM_ARGS, findChromium } from '../scripts/ensure-chromium.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
const DATA = join(HERE, 'data');
const RESULTS_JSON = join(HERE, 'results.json');
const RESULTS_MD = join(HERE, 'RESULTS.md');
// BENCH_PORT (default 4281) and the next two ports. Not 4190: it is on the Fetch standard's "bad
// ports" list (ManageSieve), which Chromium and Node's fetch refuse.
const BASE_PORT = Number(process.env.BENCH_PORT || 4281);
const APP_PORT = BASE_PORT;
const PAGE_PORT = BASE_PORT + 1;
const PROFILE_PORT = BASE_PORT + 2;
const CHROMIUM = findChromium() ?? '/usr/bin/chromium';
const ALL = [
  'open',
  'long-tasks',
  'memory',
  'knn',
  'confusion',
  'cohort-update',
  'table-scroll-fps',
  'map-pan-fps',
  'slice-finder',
];
const SESSION_RUNS = ['cohort-update', 'table-scroll-fps', 'map-pan-fps', 'long-tasks'];

// ---------------------------------------------------------------------------------------------
// Arguments, machine line, small helpers

function parseArgs(argv) {
  const o = {
    sizes: ['100k', '1m'],
    only: ALL,
    runs: 5,
    app: 'worktree',
    build: true,
    profile: false,
    timeoutMin: 45,
    quietMaxS: 120,
  };
  for (const a of argv) {
    const [k, v] = a.replace(/^--/, '').split('=');
    if (k === 'sizes') o.sizes = v.split(',').filter(Boolean);
    else if (k === 'only') o.only = v.split(',').filter(Boolean);
    else if (k === 'runs') o.runs = Math.max(3, Number(v));
    else if (k === 'app') o.app = v;
    else if (k === 'no-build') o.build = false;
    else if (k === 'profile') o.profile = true;
    else if (k === 'timeout-min') o.timeoutMin = Number(v);
    else if (k === 'quiet-max-s') o.quietMaxS = Number(v);
    else if (k === 'report') o.report = true;
    else if (k === 'session-only') o.sessionOnly = true;
    else if (k === 'slices-runs') o.slicesRuns = Math.max(1, Number(v));
    else throw new Error(`unknown argument ${a}`);
  }
  for (const s of o.sizes) if (!SIZES[s]) throw new Error(`unknown size ${s}`);
  for (const w of o.only) if (!ALL.includes(w)) throw new Error(`unknown run ${w} (${ALL})`);
  if (!/^(worktree|head|[0-9a-f]{7,40})$/.test(o.app))
    throw new Error('--app is worktree, head or a commit');
  return o;
}

function machineLine(browserVersion) {
  let cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (k) => info.match(new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm'))?.[1]?.trim();
    const simd = ['avx512f', 'avx2'].find((f) =>
      new RegExp(`\\b${f}\\b`).test(field('flags') ?? ''),
    );
    cpu = `${field('model name') ?? cpu} (family ${field('cpu family')}, model ${field('model')}${simd ? `, ${simd}` : ''})`;
  } catch {
    /* not Linux */
  }
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpu}, ${cpus().length} cores, ${gib} GiB RAM, Node ${process.version}, Chromium ${browserVersion} (headless)`;
}

const stats = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return { median_ms: null, min_ms: null, max_ms: null };
  const med = (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  return { median_ms: round(med), min_ms: round(s[0]), max_ms: round(s[s.length - 1]) };
};
const round = (x, d = 1) => (x === null || x === undefined ? x : Number(x.toFixed(d)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/** Busy share of all cores over `ms` (Linux /proc/stat), 0..1; null elsewhere. */
async function cpuBusy(ms = 1000) {
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = f[3] + (f[4] ?? 0);
    return { idle, total: f.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await sleep(ms);
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0;
  } catch {
    return null;
  }
}

/**
 * These machines are shared (other sessions run test suites on the same 2 cores): before a timed
 * step, wait (bounded) until the machine is quiet, and say how busy it was.
 */
let quietMaxMs = 120_000;
async function waitForQuiet(label) {
  const end = Date.now() + quietMaxMs;
  let busy = await cpuBusy();
  let calm = 0;
  while (busy !== null && Date.now() < end) {
    calm = busy < 0.2 ? calm + 1 : 0;
    if (calm >= 3) break;
    busy = await cpuBusy();
  }
  const load = round(loadavg()[0], 2);
  if (busy !== null && busy >= 0.2)
    log(
      `${label}: machine still busy (${(busy * 100).toFixed(0)}% CPU, load ${load}); measuring anyway`,
    );
  return { busy_before: busy === null ? null : round(busy, 2), load1: load };
}

function gitRevision(cwd) {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'index.html'], { cwd })
      .toString()
      .trim();
    return dirty ? `${rev} + uncommitted changes` : rev;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Builds and servers (all killed at exit, also on error and on signals)

const children = new Set();
function startServer(args, cwd, port) {
  const child = spawn('npx', ['vite', 'preview', ...args, '--port', String(port), '--strictPort'], {
    cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  children.add(child);
  child.on('exit', () => children.delete(child));
  return { child, stderr: () => stderr, url: `http://127.0.0.1:${port}` };
}

async function waitForServer(server, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (server.child.exitCode !== null)
      throw new Error(`preview server exited: ${server.stderr().slice(-500)}`);
    try {
      const r = await fetch(server.url + '/');
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`preview server at ${server.url} did not start`);
}

function killChildren() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  children.clear();
}

function run(cmd, args, cwd, timeoutMs = 300_000) {
  log(`$ ${cmd} ${args.join(' ')}${cwd !== ROOT ? `   (in ${relative(ROOT, cwd)})` : ''}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit', timeout: timeoutMs });
}

/**
 * The app's source: the work tree as it is, or a commit (HEAD or a hash) exported to
 * bench/data/app-src, so others' half-done edits cannot break or skew a run.
 */
function appSource(mode) {
  if (mode === 'worktree') return { dir: ROOT, revision: gitRevision(ROOT) };
  const commit = mode === 'head' ? 'HEAD' : mode;
  const rev = execFileSync('git', ['rev-parse', '--short', commit], { cwd: ROOT })
    .toString()
    .trim();
  const dir = join(DATA, 'app-src');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${rev} | tar -x -C "${dir}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dir, revision: `${rev} (exported commit)` };
}

// ---------------------------------------------------------------------------------------------
// CDP: the page's session plus its workers (non-flattened child sessions)

class Targets {
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
async function measureMemory(page) {
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
async function appMeasures(page) {
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
function rendererRss() {
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

/** Self and inclusive time per function from a CDP CPU profile. */
function summarizeProfile(profile, top = 30) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0) / 1000));
  const key = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.split('/').pop().split('?')[0] : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const selfBy = new Map();
  const inclBy = new Map();
  const walk = (id, stack) => {
    const n = byId.get(id);
    let total = self.get(id) ?? 0;
    const k = key(n);
    const nextStack = new Set(stack).add(k);
    for (const c of n.children ?? []) total += walk(c, nextStack);
    selfBy.set(k, (selfBy.get(k) ?? 0) + (self.get(id) ?? 0));
    if (!stack.has(k)) inclBy.set(k, (inclBy.get(k) ?? 0) + total);
    return total;
  };
  const rootTotal = walk(profile.nodes[0].id, new Set());
  const list = (m) =>
    [...m.entries()]
      .filter(([k]) => !/^\((root|program|idle)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => ({ fn: k, ms: round(ms, 0) }));
  return { total_ms: round(rootTotal, 0), self: list(selfBy), inclusive: list(inclBy) };
}

// ---------------------------------------------------------------------------------------------
// open-to-interactive, long tasks, memory (the real app)

/** Installed in the page before the file is chosen; everything is timed with performance.now(). */
function installProbe({ rowsText }) {
  const b = {
    t0: null,
    done: null,
    painted: null,
    error: null,
    phases: {},
    longTasks: [],
  };
  window.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const input = document.querySelector('input[type=file]');
  input.addEventListener('change', () => (b.t0 = performance.now()), { capture: true });
  const check = () => {
    const now = performance.now();
    const progress = document.querySelector('section.progress')?.textContent ?? '';
    for (const p of ['Reading', 'Decoding', 'Joining', 'Analysing'])
      if (progress.startsWith(p) && !(p in b.phases)) b.phases[p] = now;
    const status = document.querySelector('[role=status]')?.textContent ?? '';
    if (status.includes(rowsText) && !('summary' in b.phases)) b.phases.summary = now;
    const alert = document.querySelector('[role=alert]');
    if (alert && !b.error) b.error = alert.textContent;
    const table = [...document.querySelectorAll('table')].find((t) =>
      /Headline metrics/.test(t.caption?.textContent ?? ''),
    );
    const cells = table ? [...table.querySelectorAll('tbody td.num')] : [];
    const filled = cells.length > 0 && cells.every((c) => /\d/.test(c.textContent ?? ''));
    if (b.done === null && status.includes(rowsText) && filled) {
      b.done = now;
      observer.disconnect();
      // After the next frame has been produced: the paint the user waits for.
      requestAnimationFrame(() => setTimeout(() => (b.painted = performance.now()), 0));
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}

async function openOnce(browser, appUrl, size, { timeoutMs, memory = false, profile = null }) {
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
    await input.setInputFiles(fileFor(size));
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
      for (const sid of profiles) {
        const r = await targets.send(sid, 'Profiler.stop');
        out.profiles.worker = summarizeProfile(r.profile);
        out.rawProfiles = { ...out.rawProfiles, worker: r.profile };
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

/** read + parse floor of one open, on the bench page in a fresh context (see readFloor). */
async function openFloor(browser, pageUrl, size) {
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

const OPEN_TIMEOUT = { '100k': 60_000, '1m': 180_000, '10m': 420_000 };

async function benchOpen(browser, appUrl, pageUrl, size, opts, record) {
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

// ---------------------------------------------------------------------------------------------
// The bench page: knn-top10 and engine-confusion vs DuckDB-WASM

async function benchPage(browser, pageUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`bench page error: ${e}`));
  page.on('crash', () => log('bench page crashed'));
  await page.goto(pageUrl + '/');
  await page.waitForFunction(() => window.benchReady === true);
  return { page, context };
}

async function benchKnn(browser, pageUrl, record) {
  const { page, context } = await benchPage(browser, pageUrl);
  try {
    const n = 1_000_000;
    page.setDefaultTimeout(300_000);
    const quiet = await waitForQuiet('knn');
    const r = await page.evaluate((o) => window.bench.knn(o), {
      n,
      dim: 128,
      reps: 9,
      k: 10,
      seed: 42,
    });
    const scan = stats(r.scan);
    const topk = stats(r.topk);
    const early = stats(r.early);
    const js = stats(r.js);
    const simdTop = stats(r.simdTopk);
    const simdScan = stats(r.simdScan);
    log(
      `knn 1M×128: top-10 ${topk.median_ms} ms (first ${round(r.first)} ms), JS ${js.median_ms} ms, scan ${scan.median_ms} ms, early-abandon ` +
        `${early.median_ms} ms, wasm SIMD top-10 ${simdTop.median_ms} ms (SIMD scan ${simdScan.median_ms} ms)`,
    );
    record({
      name: 'knn-top10',
      rows: n,
      ...topk,
      baseline: { name: 'typed-array-scan', median_ms: scan.median_ms },
      ratio_to_baseline: round(topk.median_ms / scan.median_ms, 2),
      method:
        "the engine's nearest (src/engine/neighbors): wasm SIMD float32 scan, k + 32 candidates " +
        're-ranked in double precision (exact; checked equal to the JS scan every query), in a worker',
      first_query_ms: round(r.first),
      first_query_note: 'the first search copies the column into WebAssembly memory',
      variants: {
        'JS exact scan (simd: false)': js,
        'early-abandon (JS, exact)': early,
        'wasm-simd l2 + JS top-10': {
          ...simdTop,
          baseline: { name: 'wasm-simd dot scan', median_ms: simdScan.median_ms },
          ratio_to_baseline: round(simdTop.median_ms / simdScan.median_ms, 2),
          order_differs_from_js: `${r.simdMismatches} of ${r.simdTopk.length} queries (float32 sums)`,
        },
      },
      dim: 128,
      checked_against_full_sort: true,
      machine_busy_before: quiet.busy_before,
    });
  } finally {
    await context.close();
  }
}

async function benchConfusion(browser, pageUrl, sizes, record) {
  const { page, context } = await benchPage(browser, pageUrl);
  page.setDefaultTimeout(600_000);
  try {
    for (const size of sizes) {
      const rows = SIZES[size];
      await page.getByLabel('Bench data file').setInputFiles(fileFor(size));
      const loaded = await page.evaluate(() => window.bench.load());
      log(`confusion ${size}: loaded (${JSON.stringify(loaded)})`);
      const reps = size === '10m' ? 7 : 11;
      const quiet = await waitForQuiet(`confusion ${size}`);
      const r = await page.evaluate((o) => window.bench.confusion(o), { reps, warmup: 2 });
      const engine = stats(r.engine);
      const duckTwo = stats(r.duckTwo);
      const duckGs = stats(r.duckGroupingSets);
      const bestDuck = duckGs.median_ms < duckTwo.median_ms ? duckGs : duckTwo;
      log(
        `confusion ${size}: engine ${engine.median_ms} ms (compute ${stats(r.engineCompute).median_ms}), ` +
          `duckdb two queries ${duckTwo.median_ms} ms, grouping sets ${duckGs.median_ms} ms`,
      );
      record({
        name: 'engine-confusion',
        rows,
        ...engine,
        baseline: { name: 'duckdb-wasm', median_ms: bestDuck.median_ms },
        speedup: round(bestDuck.median_ms / engine.median_ms, 1),
        what:
          'cohort f_num0 BETWEEN a AND b AND f_cat0 IN (3 codes) → two 10×10 confusion matrices ' +
          '(pred_v1, pred_v2); engine = mask + matrices in a worker, timed around the round trip',
        cohort_rows_median: stats(r.cohortRows).median_ms,
        engine_compute_ms: stats(r.engineCompute),
        engine_mask_ms: stats(r.engineMask).median_ms,
        engine_matrices_ms: stats(r.engineMatrices).median_ms,
        fused_single_pass_ms: stats(r.fused),
        duckdb: {
          bundle: loaded.bundle,
          version: loaded.duckdbVersion,
          two_group_by_queries: duckTwo,
          grouping_sets_query: duckGs,
          ingest_ms: round(loaded.ingestMs, 0),
        },
        machine_busy_before: quiet.busy_before,
      });
      await page.evaluate(() => window.bench.dropData());
    }
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// A scripted session in the app: cohort edits (cohort-update), scrolling the rows table
// (table-scroll-fps), panning the map (map-pan-fps), and long tasks over all of it.

/** Installed in the page once the file is open: long tasks, Save-cohort clicks, cohort marks. */
function installSessionProbe() {
  const s = { longTasks: [], saves: [], updated: [], frames: null };
  window.__session = s;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) s.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'wb:cohort-updated') s.updated.push(e.startTime);
  }).observe({ type: 'mark' });
  document.addEventListener(
    'click',
    (e) => {
      const b = e.target instanceof Element ? e.target.closest('button') : null;
      if (b && b.textContent?.trim() === 'Save cohort') s.saves.push(performance.now());
    },
    { capture: true },
  );
  // rAF counter, started and stopped around each fps window.
  s.startFrames = () => {
    const f = {
      n: 0,
      t0: performance.now(),
      t1: null,
      gaps: [],
      last: performance.now(),
      on: true,
    };
    const tick = (t) => {
      if (!f.on) return;
      f.n++;
      f.gaps.push(t - f.last);
      f.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    s.frames = f;
  };
  s.stopFrames = () => {
    const f = s.frames;
    f.on = false;
    f.t1 = performance.now();
    const gaps = f.gaps.slice(1).sort((a, b) => a - b);
    return {
      frames: f.n,
      ms: f.t1 - f.t0,
      fps: (f.n * 1000) / (f.t1 - f.t0),
      worst_gap_ms: gaps.length ? gaps[gaps.length - 1] : null,
      p95_gap_ms: gaps.length ? gaps[Math.floor(gaps.length * 0.95)] : null,
      over_50ms: gaps.filter((g) => g > 50).length,
    };
  };
}

/** `wb:*` measures of every worker, as lists (not just the last of each name). */
async function workerMeasureLists(page, clear = false) {
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
const settle = (page, maxMs = 20_000) =>
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

const longTasksBetween = (s, a, b) =>
  s.longTasks
    .filter((t) => t.start >= a && t.start < b)
    .map((t) => ({ at: round(t.start - a), ms: round(t.ms) }));

/** With --profile: a main-thread CPU profile around one part of the session. */
async function profileMain(page, on, what, size) {
  if (!on) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const sum = summarizeProfile(profile, 25);
    writeFileSync(join(DATA, `profile-${what}-${size}.json`), JSON.stringify(sum, null, 2));
    writeFileSync(join(DATA, `profile-${what}-${size}-main.cpuprofile`), JSON.stringify(profile));
    log(`  profile ${what} ${size} (main): ${sum.total_ms} ms sampled; self:`);
    for (const f of sum.self.slice(0, 8)) log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
    await cdp.detach().catch(() => {});
  };
}

/** Opens the size's file through the app's picker and waits until the page is calm. */
async function openInApp(page, appUrl, size) {
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

async function benchSession(browser, appUrl, size, opts, record) {
  const rows = SIZES[size];
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const quiet = await waitForQuiet(`session ${size}`);
  const phase = { edits: null, scroll: null, pan: null };
  const fail = (what, err) => {
    const why = `${what}: ${err instanceof Error ? err.message.split('\n')[0] : err}${errors.length ? ` | page: ${errors.slice(-2).join(' | ')}` : ''}`;
    log(`session ${size} ${why}`);
    return why;
  };
  try {
    await openInApp(page, appUrl, size);
    await page.evaluate(installSessionProbe);
    const now = () => page.evaluate(() => performance.now());
    const session0 = await now();

    // 1. cohort-update: create once, then edit the maximum repeatedly.
    try {
      await page.getByRole('button', { name: 'New cohort' }).click();
      await page.getByLabel('Cohort name').fill('bench range');
      await page.getByRole('button', { name: 'Add condition' }).click();
      await page.getByLabel('Field of condition 1').selectOption('col:f_num0');
      await page.getByLabel('Minimum of condition 1').fill('-0.5');
      await page.getByLabel('Maximum of condition 1').fill('0.5');
      const waitMark = async (n) =>
        page.waitForFunction((k) => window.__session.updated.length >= k, n, { timeout: 60_000 });
      await page.getByRole('button', { name: 'Save cohort' }).click();
      await waitMark(1);
      await page.getByText(/^Active: bench range/).waitFor();
      await sleep(500);
      await workerMeasureLists(page, true);
      const e0 = await now();
      const stopProfile = await profileMain(page, opts.profile, 'edits', size);
      const edits = size === '10m' ? 5 : 7;
      const maxima = ['0.4', '0.6', '0.3', '0.7', '0.45', '0.55', '0.35', '0.65'];
      for (let i = 0; i < edits; i++) {
        const before = await page.evaluate(() => window.__session.updated.length);
        await page
          .getByRole('region', { name: 'Cohorts' })
          .getByRole('button', { name: 'Edit', exact: true })
          .click();
        await page.getByLabel('Maximum of condition 1').fill(maxima[i % maxima.length]);
        await page.getByRole('button', { name: 'Save cohort' }).click();
        await waitMark(before + 1);
        await sleep(300);
      }
      const e1 = await now();
      await stopProfile();
      const s = await page.evaluate(() => window.__session);
      const saves = s.saves.filter((t) => t >= e0);
      const ms = saves.map((t) => {
        const m = s.updated.find((u) => u >= t);
        return m === undefined ? NaN : m - t;
      });
      const worker = await workerMeasureLists(page);
      phase.edits = { ms, worker, longTasks: longTasksBetween(s, e0, e1) };
      log(
        `session ${size} cohort-update: ${ms.map((x) => x.toFixed(0)).join(', ')} ms; worker mask ` +
          `${(worker['wb:cohort:mask'] ?? []).map((x) => x.toFixed(0)).join(',')} aggregate ` +
          `${(worker['wb:cohort:aggregate'] ?? []).map((x) => x.toFixed(0)).join(',')}; long tasks ${phase.edits.longTasks.length}`,
      );
    } catch (err) {
      phase.edits = { failed: fail('cohort-update', err) };
    }

    // 2. table-scroll-fps: the Rows view, wheel steps over the grid for ~3 s.
    const views = page.getByRole('navigation', { name: 'Views' });
    const wants = (run) => opts.only.includes(run) || opts.only.includes('long-tasks');
    if (wants('table-scroll-fps'))
      try {
        await views.getByRole('button', { name: 'Rows' }).click();
        const grid = page.locator('.rows-grid');
        await grid.waitFor();
        await page
          .locator('.rows-grid .rows-tr:not(.loading)')
          .first()
          .waitFor({ timeout: 60_000 });
        const settled = await settle(page);
        const box = await grid.boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const t0 = await now();
        const stopProfile = await profileMain(page, opts.profile, 'scroll', size);
        await page.evaluate(() => window.__session.startFrames());
        const end = Date.now() + 3000;
        let steps = 0;
        while (Date.now() < end) {
          await page.mouse.wheel(0, 240);
          steps++;
          await sleep(16);
        }
        const f = await page.evaluate(() => window.__session.stopFrames());
        const t1 = await now();
        await stopProfile();
        const scrolled = await grid.evaluate((el) => el.scrollTop);
        const loading = await page.locator('.rows-grid .rows-tr.loading').count();
        const s = await page.evaluate(() => window.__session);
        phase.scroll = {
          ...f,
          settled_ms: settled,
          steps,
          scrollTop: scrolled,
          loadingRowsAtEnd: loading,
          longTasks: longTasksBetween(s, t0, t1),
        };
        log(
          `session ${size} table-scroll: ${f.fps.toFixed(1)} fps (${f.frames} frames / ${f.ms.toFixed(0)} ms, ` +
            `worst gap ${f.worst_gap_ms?.toFixed(0)} ms), ${steps} wheel steps, scrollTop ${scrolled}, long tasks ${phase.scroll.longTasks.length}`,
        );
      } catch (err) {
        phase.scroll = { failed: fail('table-scroll-fps', err) };
      }

    // 3. map-pan-fps: the Map view, drag the canvas for ~3 s.
    // The 10M file has no embedding (bench/generate.mjs), so there is no map to pan.
    if (wants('map-pan-fps') && layout(rows).embedding)
      try {
        await views.getByRole('button', { name: 'Map' }).click();
        const canvas = page.getByTestId('scatter');
        await canvas.waitFor({ timeout: 180_000 });
        await page
          .getByLabel('Layout progress')
          .waitFor({ state: 'detached', timeout: 180_000 })
          .catch(() => {});
        const settled = await settle(page); // first full draw, nothing else running
        const box = await canvas.boundingBox();
        const cx = box.x + box.width / 2;
        const cy = box.y + box.height / 2;
        await page.mouse.move(cx, cy);
        const t0 = await now();
        const stopProfile = await profileMain(page, opts.profile, 'pan', size);
        await page.evaluate(() => window.__session.startFrames());
        await page.mouse.down();
        const end = Date.now() + 3000;
        let steps = 0;
        const r = Math.min(box.width, box.height) / 4;
        while (Date.now() < end) {
          const a = steps / 10;
          await page.mouse.move(cx + r * Math.sin(a), cy + r * (1 - Math.cos(a)));
          steps++;
          await sleep(16);
        }
        await page.mouse.up();
        const f = await page.evaluate(() => window.__session.stopFrames());
        const t1 = await now();
        await stopProfile();
        const s = await page.evaluate(() => window.__session);
        const webgl = await page.evaluate(() => {
          const gl = document.createElement('canvas').getContext('webgl2');
          const ext = gl?.getExtension('WEBGL_debug_renderer_info');
          return ext
            ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)
            : (gl?.getParameter(gl.RENDERER) ?? null);
        });
        phase.pan = {
          ...f,
          webgl,
          settled_ms: settled,
          steps,
          longTasks: longTasksBetween(s, t0, t1),
        };
        log(
          `session ${size} map-pan: ${f.fps.toFixed(1)} fps (${f.frames} frames / ${f.ms.toFixed(0)} ms, ` +
            `worst gap ${f.worst_gap_ms?.toFixed(0)} ms), ${steps} moves, long tasks ${phase.pan.longTasks.length}`,
        );
      } catch (err) {
        phase.pan = { failed: fail('map-pan-fps', err) };
      }
    const s = await page.evaluate(() => window.__session);
    phase.all = longTasksBetween(s, session0, await now());
  } catch (err) {
    phase.failed = fail('open', err);
  } finally {
    await context.close().catch(() => {});
  }

  const load = {
    machine_busy_before: quiet.busy_before,
    load1_before: quiet.load1,
    load1_after: round(loadavg()[0], 2),
  };
  if (opts.only.includes('cohort-update')) {
    const e = phase.edits ?? {};
    const base = loadResults().runs.find((r) => r.name === 'engine-confusion' && r.rows === rows);
    const st = stats(e.ms ?? []);
    const w = e.worker ?? {};
    record({
      name: 'cohort-update',
      rows,
      ...st,
      edits: e.ms?.length ?? 0,
      per_edit_ms: (e.ms ?? []).map((x) => round(x)),
      ...(base?.baseline
        ? {
            baseline: {
              name: 'duckdb-wasm (engine-confusion run)',
              median_ms: base.baseline.median_ms,
            },
            speedup: st.median_ms ? round(base.baseline.median_ms / st.median_ms, 1) : null,
          }
        : {}),
      what:
        'edit the maximum of a 1-condition cohort (f_num0 in [-0.5, x]) in the cohort editor: click on ' +
        '"Save cohort" → performance mark wb:cohort-updated (the frame after the cohort stats arrived)',
      worker_ms: {
        'wb:cohort:mask': stats(w['wb:cohort:mask'] ?? []),
        'wb:cohort:aggregate': stats(w['wb:cohort:aggregate'] ?? []),
      },
      long_tasks: e.longTasks?.length ?? null,
      long_task_list: e.longTasks ?? [],
      ...load,
      ...(e.failed || phase.failed ? { failed: e.failed ?? phase.failed } : {}),
    });
  }
  const fpsEntry = (name, p, what) =>
    record({
      name,
      rows,
      value: p?.fps !== undefined ? round(p.fps) : null,
      frames: p?.frames ?? null,
      window_ms: p?.ms !== undefined ? round(p.ms) : null,
      worst_frame_gap_ms: p?.worst_gap_ms !== undefined ? round(p.worst_gap_ms) : null,
      p95_frame_gap_ms: p?.p95_gap_ms !== undefined ? round(p.p95_gap_ms) : null,
      frame_gaps_over_50ms: p?.over_50ms ?? null,
      input_steps: p?.steps ?? null,
      settled_before_ms: p?.settled_ms ?? null,
      ...(p?.webgl ? { webgl_renderer: p.webgl } : {}),
      long_tasks: p?.longTasks?.length ?? null,
      long_task_list: p?.longTasks ?? [],
      what,
      ...(p?.scrollTop !== undefined
        ? { scroll_top_at_end: p.scrollTop, loading_rows_at_end: p.loadingRowsAtEnd }
        : {}),
      ...load,
      ...(p?.failed || phase.failed ? { failed: p?.failed ?? phase.failed } : {}),
    });
  if (opts.only.includes('table-scroll-fps'))
    fpsEntry(
      'table-scroll-fps',
      phase.scroll,
      'Rows view: mouse.wheel(0, 240) every ~16 ms for 3 s over the grid; requestAnimationFrame callbacks per second',
    );
  if (opts.only.includes('map-pan-fps') && layout(rows).embedding)
    fpsEntry(
      'map-pan-fps',
      phase.pan,
      'Map view (pan mode): mouse down, mouse.move in a circle every ~16 ms for 3 s; requestAnimationFrame callbacks per second',
    );
  if (opts.only.includes('long-tasks')) {
    const parts = {
      'cohort edits': phase.edits?.longTasks?.length ?? null,
      scrolling: phase.scroll?.longTasks?.length ?? null,
      panning: phase.pan?.longTasks?.length ?? null,
    };
    record({
      name: 'long-tasks',
      rows,
      session: SESSION_LABEL,
      value: phase.all ? phase.all.length : null,
      per_part: parts,
      longest_ms: round(Math.max(0, ...(phase.all ?? []).map((t) => t.ms))),
      tasks: phase.all ?? [],
      ...load,
      ...(phase.failed ? { failed: phase.failed } : {}),
    });
  }
}

const SESSION_LABEL = 'scripted session: cohort edits, scrolling, panning';

// ---------------------------------------------------------------------------------------------
// slice-finder: the Slices view's search (default settings) after the file is open.

/** Installed in the page in the Slices view: long tasks, clicks on "Find slices", finished state. */
function installSlicesProbe() {
  const p = { longTasks: [], runs: [], cur: null };
  window.__slices = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask' });
  const view = () => document.querySelector('section.slices-view');
  const busy = () => !!view()?.querySelector('progress[aria-label="Slice search"]');
  const check = () => {
    const r = p.cur;
    if (!r || r.done !== null) return;
    const now = performance.now();
    const v = view();
    if (!v) return;
    if (busy()) {
      if (r.busyAt === null) r.busyAt = now;
      if (r.firstPartial === null && v.querySelector('table.slices')) r.firstPartial = now;
      return;
    }
    const alert = v.querySelector('[role=alert]');
    if (alert) {
      r.error = alert.textContent;
      r.done = now;
      return;
    }
    if (r.busyAt === null) return; // the click has not reached React yet
    const note = v.querySelector('.slices-note')?.textContent ?? '';
    const caption = v.querySelector('table.slices caption')?.textContent ?? '';
    // The note ends with the app's own "N.N s." only once the result is final.
    const finished =
      /slices tried/.test(note) && /\d s\.\s*$/.test(note) && !/\(so far\)/.test(caption);
    if (!finished) return;
    r.done = now;
    r.note = note;
    r.caption = caption;
    requestAnimationFrame(() => setTimeout(() => (r.painted = performance.now()), 0));
  };
  new MutationObserver(check).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
  document.addEventListener(
    'click',
    (e) => {
      const b = e.target instanceof Element ? e.target.closest('button') : null;
      if (b && b.textContent?.trim() === 'Find slices') {
        p.cur = {
          t0: performance.now(),
          busyAt: null,
          firstPartial: null,
          done: null,
          painted: null,
          error: null,
        };
        p.runs.push(p.cur);
      }
    },
    { capture: true },
  );
}

const SLICES_TIMEOUT = { '100k': 120_000, '1m': 300_000, '10m': 900_000 };

async function benchSlices(browser, appUrl, size, opts, record) {
  const rows = SIZES[size];
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
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
    failed = `${err instanceof Error ? err.message.split('\n')[0] : err}${errors.length ? ` | page: ${errors.slice(-2).join(' | ')}` : ''}`;
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

// ---------------------------------------------------------------------------------------------
// Results

function loadResults() {
  try {
    return JSON.parse(readFileSync(RESULTS_JSON, 'utf8'));
  } catch {
    return { machine: '', date: '', runs: [] };
  }
}

const TARGETS = {
  'open-to-interactive': (r) =>
    r.rows === 1_000_000
      ? { text: '≤ 1 s', pass: r.median_ms !== null && r.median_ms <= 1000 }
      : r.rows === 10_000_000
        ? { text: '≤ 5 s', pass: r.median_ms !== null && r.median_ms <= 5000 }
        : { text: '— (≤ 1 s at 1M)', pass: null },
  'long-tasks': (r) => ({ text: 'none', pass: r.value === 0 }),
  memory: (r) => ({ text: '≤ 2× raw', pass: r.value !== null && r.value <= 2 * r.raw_bytes }),
  'knn-top10': (r) => ({
    text: '≤ 100 ms and ≤ 2× scan',
    pass: r.median_ms <= 100 && r.median_ms <= 2 * r.baseline.median_ms,
  }),
  'cohort-update': (r) => {
    const ms = r.rows >= 10_000_000 ? 250 : 50;
    return {
      text: `≤ ${ms} ms${r.rows < 1_000_000 ? ' (target set at 1M)' : ''}, ≥ 3× DuckDB, no long tasks`,
      pass:
        r.median_ms === null || r.rows < 1_000_000
          ? r.median_ms === null
            ? false
            : null
          : r.median_ms <= ms && (r.speedup ?? 0) >= 3 && r.long_tasks === 0,
    };
  },
  'table-scroll-fps': (r) => ({
    text: '≥ 50 fps, no long tasks',
    pass: r.value !== null && r.value >= 50 && r.long_tasks === 0,
  }),
  'map-pan-fps': (r) => ({
    text: 'fluid (≥ 50 fps), no long tasks',
    pass: r.value !== null && r.value >= 50 && r.long_tasks === 0,
  }),
  'slice-finder': (r) =>
    r.rows === 1_000_000
      ? {
          text: '“in seconds” (issue 8; read as ≤ 10 s at 1M), no long tasks',
          pass: r.median_ms !== null && r.median_ms <= 10_000 && r.long_tasks === 0,
        }
      : { text: '— (set at 1M), no long tasks', pass: null },
  'long-tasks (slice-finder)': (r) => ({ text: 'none', pass: r.value === 0 }),
  'engine-confusion': (r) => {
    const ms = r.rows >= 10_000_000 ? 250 : 50;
    return {
      text: `≤ ${ms} ms (the cohort-update budget) and ≥ 3× DuckDB`,
      pass: r.median_ms <= ms && r.speedup >= 3,
    };
  },
};

const fmtRows = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const fmtMs = (x) => (x === null || x === undefined ? '–' : `${x.toLocaleString('en-US')} ms`);
const fmtBytes = (b) => (b === null || b === undefined ? '–' : `${(b / 2 ** 20).toFixed(0)} MiB`);

function resultsTable(results) {
  const order = [
    'open-to-interactive',
    'long-tasks',
    'memory',
    'cohort-update',
    'engine-confusion',
    'table-scroll-fps',
    'map-pan-fps',
    'slice-finder',
    'long-tasks (slice-finder)',
    'knn-top10',
  ];
  const runs = [...results.runs].sort(
    (a, b) =>
      order.indexOf(a.name) - order.indexOf(b.name) ||
      (a.session ?? '').localeCompare(b.session ?? '') ||
      a.rows - b.rows,
  );
  const lines = [
    `Machine: ${results.machine}  `,
    `Date of the latest run: ${results.date}  `,
    `App build measured (open, long-tasks, memory, cohort-update, scroll, pan, slice-finder): ${
      [...new Set(results.runs.map((r) => r.app).filter(Boolean))].join('; ') || 'n/a'
    }`,
    '',
    '| run | rows | median | min – max | baseline | target | pass |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of runs) {
    const t = TARGETS[r.name]?.(r) ?? { text: '', pass: null };
    let median = fmtMs(r.median_ms);
    let range = r.min_ms !== undefined ? `${fmtMs(r.min_ms)} – ${fmtMs(r.max_ms)}` : '';
    let base = r.baseline ? `${r.baseline.name}: ${fmtMs(r.baseline.median_ms)}` : '';
    let name = r.name;
    if (r.name === 'long-tasks') {
      median = String(r.value ?? '–');
      range = r.per_part
        ? Object.entries(r.per_part)
            .map(([k, v]) => `${k}: ${v ?? '–'}`)
            .join(', ') + (r.longest_ms ? `; longest ${r.longest_ms} ms` : '')
        : `runs: ${r.per_run?.join(', ') ?? ''}`;
      if (r.session === SESSION_LABEL) name = 'long-tasks (session)';
    }
    if (r.name === 'long-tasks (slice-finder)') {
      median = String(r.value ?? '–');
      range =
        `runs: ${r.per_run?.join(', ') ?? ''}` +
        (r.longest_ms ? `; longest ${r.longest_ms} ms` : '');
    }
    if (r.name === 'slice-finder')
      range += `; first run ${fmtMs(r.first_run_ms)}; ${r.features ?? '–'} features, ${
        r.slices_tried?.toLocaleString('en-US') ?? '–'
      } slices tried; long tasks: ${r.long_tasks ?? '–'}`;
    if (r.name === 'cohort-update') {
      base += r.speedup ? ` (${r.speedup}×)` : '';
      range += `; long tasks: ${r.long_tasks ?? '–'}`;
    }
    if (r.name === 'table-scroll-fps' || r.name === 'map-pan-fps') {
      median = r.value === null ? '–' : `${r.value} fps`;
      range = `worst frame ${fmtMs(r.worst_frame_gap_ms)}; long tasks: ${r.long_tasks ?? '–'}`;
    }
    if (r.name === 'memory') {
      median = `${fmtBytes(r.value)} (${r.ratio ?? '–'}×)`;
      base = `raw columns: ${fmtBytes(r.raw_bytes)}`;
      range = r.renderer_rss_bytes ? `renderer RSS ${fmtBytes(r.renderer_rss_bytes)}` : '';
    }
    if (r.name === 'engine-confusion') base += ` (${r.speedup}× faster)`;
    if (r.name === 'knn-top10' || r.name === 'open-to-interactive')
      base += r.baseline ? ` (${r.ratio_to_baseline}×)` : '';
    const pass = r.failed
      ? `**FAILED**: ${r.failed.slice(0, 160)}`
      : t.pass === null
        ? '—'
        : t.pass
          ? 'pass'
          : '**miss**';
    lines.push(
      `| ${name} | ${fmtRows(r.rows)} | ${median} | ${range} | ${base} | ${t.text} | ${pass} |`,
    );
    for (const [name, v] of Object.entries(r.variants ?? {})) {
      const vb = v.baseline
        ? `${v.baseline.name}: ${fmtMs(v.baseline.median_ms)} (${v.ratio_to_baseline}×)`
        : '';
      const vpass =
        r.name === 'knn-top10'
          ? v.median_ms <= 100 && (!v.baseline || v.median_ms <= 2 * v.baseline.median_ms)
          : null;
      lines.push(
        `| ↳ ${name} | ${fmtRows(r.rows)} | ${fmtMs(v.median_ms)} | ${fmtMs(v.min_ms)} – ${fmtMs(v.max_ms)} | ${vb} | ${t.text} | ${vpass === null ? '—' : vpass ? 'pass' : '**miss**'} |`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * cohort-update's baseline is the DuckDB figure of the engine-confusion run at the same size;
 * the session runs before that run, so link them once both are in (the latest of each).
 */
function linkBaselines(runs) {
  for (const r of runs) {
    if (r.name !== 'cohort-update') continue;
    const c = runs.find((x) => x.name === 'engine-confusion' && x.rows === r.rows);
    if (!c?.baseline) continue;
    r.baseline = { name: 'duckdb-wasm (engine-confusion run)', median_ms: c.baseline.median_ms };
    r.speedup = r.median_ms ? round(c.baseline.median_ms / r.median_ms, 1) : null;
  }
}

function writeResults(results) {
  const { machine, date, runs } = results;
  linkBaselines(runs);
  writeFileSync(RESULTS_JSON, JSON.stringify({ machine, date, runs }, null, 2) + '\n');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  let md = existsSync(RESULTS_MD)
    ? readFileSync(RESULTS_MD, 'utf8')
    : `# Benchmark results\n\n${start}\n${end}\n`;
  if (!md.includes(start)) md += `\n${start}\n${end}\n`;
  const table = resultsTable(results);
  md = md.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`);
  writeFileSync(RESULTS_MD, md);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.report) {
    // Only rewrite RESULTS.md's table from results.json.
    writeResults(loadResults());
    log(`wrote ${relative(ROOT, RESULTS_MD)}`);
    return;
  }
  const deadline = setTimeout(() => {
    console.error(`[bench] time limit of ${opts.timeoutMin} min reached; stopping`);
    killChildren();
    process.exit(2);
  }, opts.timeoutMin * 60_000);
  deadline.unref();
  quietMaxMs = opts.quietMaxS * 1000;

  const needsApp = opts.only.some((w) =>
    ['open', 'long-tasks', 'memory', 'slice-finder', ...SESSION_RUNS].includes(w),
  );
  const needsOpen = opts.only.some((w) => ['open', 'long-tasks', 'memory'].includes(w));
  const needsSession = opts.only.some((w) => SESSION_RUNS.includes(w));
  const needsPage = opts.only.some((w) => ['knn', 'confusion', 'open'].includes(w));
  const dataSizes = new Set(opts.only.some((w) => w !== 'knn') ? opts.sizes : []);
  for (const s of dataSizes) {
    log(`data ${s}: ${existsSync(fileFor(s)) ? 'exists' : 'generating'}`);
    await generate(s, { log: (l) => log(l.trim()) });
  }

  const appDist = join(DATA, 'app-dist');
  const profileDist = join(DATA, 'app-dist-unminified');
  // With --no-build, the revision is the one the last build was made from (not today's HEAD).
  const builtFrom = join(DATA, 'app-dist.revision');
  let app = {
    dir: ROOT,
    revision: existsSync(builtFrom)
      ? readFileSync(builtFrom, 'utf8').trim()
      : `${gitRevision(ROOT)} (reused build)`,
  };
  if (needsApp && opts.build) {
    app = appSource(opts.app);
    run(
      'npx',
      ['vite', 'build', '--outDir', appDist, '--emptyOutDir', '--logLevel', 'warn'],
      app.dir,
    );
    writeFileSync(builtFrom, `${app.revision}, built ${new Date().toISOString().slice(0, 16)}Z\n`);
    if (opts.profile && !opts.sessionOnly)
      run(
        'npx',
        [
          'vite',
          'build',
          '--outDir',
          profileDist,
          '--emptyOutDir',
          '--minify',
          'false',
          '--logLevel',
          'warn',
        ],
        app.dir,
      );
  }
  if (needsPage && opts.build)
    run('npx', ['vite', 'build', '--config', join(HERE, 'vite.config.ts')], ROOT);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const results = loadResults();
  results.machine = machineLine(browser.version());
  results.date = new Date().toISOString();
  const record = (entry) => {
    const e = [
      'open-to-interactive',
      'long-tasks',
      'memory',
      'slice-finder',
      'long-tasks (slice-finder)',
      ...SESSION_RUNS,
    ].includes(entry.name)
      ? { ...entry, app: app.revision }
      : entry;
    results.runs = results.runs.filter(
      (r) => !(r.name === e.name && r.rows === e.rows && (r.session ?? '') === (e.session ?? '')),
    );
    results.runs.push(e);
    writeResults(results); // after every entry, so a stopped run keeps what it measured
  };

  try {
    let pageServer = null;
    if (needsPage) {
      pageServer = startServer(['--config', join(HERE, 'vite.config.ts')], ROOT, PAGE_PORT);
      await waitForServer(pageServer);
    }
    if (needsApp) {
      const server = startServer(['--outDir', appDist], app.dir, APP_PORT);
      await waitForServer(server);
      if (needsOpen && !opts.sessionOnly)
        for (const size of opts.sizes)
          await benchOpen(browser, server.url, pageServer?.url ?? null, size, opts, record);
      if (needsSession)
        for (const size of opts.sizes) await benchSession(browser, server.url, size, opts, record);
      if (opts.only.includes('slice-finder'))
        for (const size of opts.sizes) await benchSlices(browser, server.url, size, opts, record);
      if (opts.profile && !opts.sessionOnly) {
        const ps = startServer(['--outDir', profileDist], app.dir, PROFILE_PORT);
        await waitForServer(ps);
        for (const size of opts.sizes) {
          try {
            const r = await openOnce(browser, ps.url, size, {
              timeoutMs: OPEN_TIMEOUT[size],
              profile: true,
            });
            const file = join(DATA, `profile-open-${size}.json`);
            writeFileSync(
              file,
              JSON.stringify({ ms: r.ms, phases: r.phases, ...r.profiles }, null, 2),
            );
            for (const [where, raw] of Object.entries(r.rawProfiles ?? {}))
              writeFileSync(
                join(DATA, `profile-open-${size}-${where}.cpuprofile`),
                JSON.stringify(raw),
              );
            log(
              `profile of open ${size} (unminified build, profiler on: ${r.ms.toFixed(0)} ms) → ${relative(ROOT, file)}`,
            );
            for (const [where, p] of Object.entries(r.profiles ?? {})) {
              log(`  ${where}: ${p.total_ms} ms sampled; inclusive:`);
              for (const f of p.inclusive.slice(0, 12))
                log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
              log(`  ${where}: self:`);
              for (const f of p.self.slice(0, 10))
                log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
            }
          } catch (err) {
            log(`profile of open ${size} failed: ${err instanceof Error ? err.message : err}`);
          }
        }
      }
    }
    if (pageServer) {
      if (opts.only.includes('knn')) await benchKnn(browser, pageServer.url, record);
      if (opts.only.includes('confusion'))
        await benchConfusion(browser, pageServer.url, opts.sizes, record);
    }
  } finally {
    await browser.close().catch(() => {});
    killChildren();
  }
  writeResults(results);
  log(`wrote ${relative(ROOT, RESULTS_JSON)} and ${relative(ROOT, RESULTS_MD)}`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killChildren();
    process.exit(130);
  });
}

main().catch((err) => {
  console.error(err);
  killChildren();
  process.exit(1);
});
