#!/usr/bin/env node
// Benchmarks of the production build in headless Chromium (see bench/README.md).
//
//   npm run bench                                   # default sizes 100k,1m; everything
//   npm run bench -- --sizes=100k,1m,10m --only=open,memory,long-tasks,knn,confusion
//   npm run bench -- --runs=5 --app=head|worktree|<commit> --profile --no-build --timeout-min=40
//   npm run bench -- --report        # only rewrite RESULTS.md's table from results.json
//
// Writes bench/results.json (merged: a run replaces the entries of the same name and rows) and
// the table in bench/RESULTS.md between the results markers. Generated inputs and builds live in
// bench/data/ (gitignored). This file holds the arguments and main(); the runs, servers, builds,
// probes and results are in bench/lib/ (see bench/README.md, "Files").
//
// `cohort-update`, `table-scroll-fps`, `map-pan-fps` and the scripted-session `long-tasks` entry
// come from one scripted session per size in the app (lib/session/bench.mjs); cohort-update's baseline is
// the DuckDB-WASM figure of the `engine-confusion` run at the same size (same aggregates).
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { chromium } from '@playwright/test';
import { SIZES, fileFor, generate } from './generate.mjs';
import { CHROMIUM_ARGS } from '../scripts/ensure-chromium.mjs';
import { buildApp, buildPage } from './lib/build.mjs';
import {
  APP_DIST,
  APP_PORT,
  CHROMIUM,
  PAGE_CONFIG,
  PAGE_PORT,
  PROFILE_DIST,
  PROFILE_PORT,
  RESULTS_JSON,
  RESULTS_MD,
  ROOT,
} from './lib/config.mjs';
import { machineLine, setQuietMax } from './lib/machine.mjs';
import { benchOpen } from './lib/open/bench.mjs';
import { FORMAT_RUNS, benchOpenFormats } from './lib/open/formats.mjs';
import { profileOpens } from './lib/open/profile.mjs';
import { benchConfusion, benchKnn } from './lib/page.mjs';
import { loadResults, writeResults } from './lib/results/store.mjs';
import { killChildren, startServer, waitForServer } from './lib/servers.mjs';
import { benchSession } from './lib/session/bench.mjs';
import { benchSlices } from './lib/slices/bench.mjs';
import { log } from './lib/util.mjs';

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
  'open-parquet',
  'open-csv',
];
const FORMATS = Object.keys(FORMAT_RUNS);
const SESSION_RUNS = ['cohort-update', 'table-scroll-fps', 'map-pan-fps', 'long-tasks'];

// ---------------------------------------------------------------------------------------------
// Arguments

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
  setQuietMax(opts.quietMaxS * 1000);

  const needsApp = opts.only.some((w) =>
    ['open', 'long-tasks', 'memory', 'slice-finder', ...FORMATS, ...SESSION_RUNS].includes(w),
  );
  const needsOpen = opts.only.some((w) => ['open', 'long-tasks', 'memory'].includes(w));
  const needsSession = opts.only.some((w) => SESSION_RUNS.includes(w));
  const needsPage = opts.only.some((w) => ['knn', 'confusion', 'open', ...FORMATS].includes(w));
  const dataSizes = new Set(opts.only.some((w) => w !== 'knn') ? opts.sizes : []);
  for (const s of dataSizes) {
    log(`data ${s}: ${existsSync(fileFor(s)) ? 'exists' : 'generating'}`);
    await generate(s, { log: (l) => log(l.trim()) });
  }

  const app = buildApp(opts, needsApp);
  if (needsPage && opts.build) buildPage({ oldDuckdb: opts.only.includes('open-parquet') });

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
      pageServer = startServer(['--config', PAGE_CONFIG], ROOT, PAGE_PORT);
      await waitForServer(pageServer);
    }
    if (needsApp) {
      const server = startServer(['--outDir', APP_DIST], app.dir, APP_PORT);
      await waitForServer(server);
      if (needsOpen && !opts.sessionOnly)
        for (const size of opts.sizes)
          await benchOpen(browser, server.url, pageServer?.url ?? null, size, opts, record);
      if (needsSession)
        for (const size of opts.sizes) await benchSession(browser, server.url, size, opts, record);
      for (const w of FORMATS.filter((f) => opts.only.includes(f)))
        for (const size of opts.sizes)
          await benchOpenFormats(
            browser,
            server.url,
            pageServer?.url ?? null,
            size,
            FORMAT_RUNS[w],
            opts,
            record,
          );
      if (opts.only.includes('slice-finder'))
        for (const size of opts.sizes) await benchSlices(browser, server.url, size, opts, record);
      if (opts.profile && !opts.sessionOnly) {
        const ps = startServer(['--outDir', PROFILE_DIST], app.dir, PROFILE_PORT);
        await waitForServer(ps);
        await profileOpens(browser, ps.url, opts.sizes);
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

// Exit once the results are written: a run sometimes stayed alive for minutes afterwards with
// no child left (a handle of the browser or of a page server keeps the event loop open).
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    killChildren();
    process.exit(1);
  },
);
