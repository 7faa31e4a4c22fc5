#!/usr/bin/env node
// Two builds of the app opening the 1M CSV alternately (A, B, A, B…), on a machine others load:
// the runs of each build are taken at the same hour, so their difference is the change's and
// not the load's. Each run: the timed open of bench/run.mjs (openOnce: file chosen → rows and
// headline metrics on screen) and the load average; no DuckDB-WASM baseline (run.mjs has it).
//   BENCH_PORT=4276 node bench/csv/ab.mjs --a=1de98c2 --b=head [--runs=4] [--size=1m] [--no-build]
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../scripts/ensure-chromium.mjs';
import { csvFile } from '../parquet/make.mjs';
import { BASE_PORT, CHROMIUM, DATA, OPEN_TIMEOUT, ROOT } from '../lib/config.mjs';
import { openOnce } from '../lib/open/once.mjs';
import { killChildren, startServer, waitForServer } from '../lib/servers.mjs';
import { log } from '../lib/util.mjs';

const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
const size = arg('size', '1m');
const runs = Number(arg('runs', 4));
const build = !process.argv.includes('--no-build');

/** The commit exported and built into bench/data/ab-<rev>-dist; returns the dist. */
function built(which) {
  const rev = execFileSync('git', ['rev-parse', '--short', which === 'head' ? 'HEAD' : which], {
    cwd: ROOT,
  })
    .toString()
    .trim();
  const src = join(DATA, `ab-${rev}-src`);
  const dist = join(DATA, `ab-${rev}-dist`);
  if (build) {
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${rev} | tar -x -C "${src}"`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
    log(`building ${rev}`);
    execFileSync(
      'npx',
      ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: src,
        stdio: 'inherit',
      },
    );
  }
  return { rev, src, dist };
}

const builds = [built(arg('a', '1de98c2')), built(arg('b', 'head'))];
const servers = builds.map((b, k) => startServer(['--outDir', b.dist], b.src, BASE_PORT + k));
try {
  await Promise.all(servers.map((s) => waitForServer(s)));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const file = csvFile(size);
  const out = builds.map(() => []);
  for (let i = 0; i < runs; i++)
    for (const [k, b] of builds.entries()) {
      const load = loadavg()[0].toFixed(1);
      const r = await openOnce(browser, servers[k].url, size, {
        timeoutMs: OPEN_TIMEOUT[size] * 2,
        file,
      });
      out[k].push(Math.round(r.ms));
      log(
        `${b.rev} run ${i + 1}: ${r.ms.toFixed(0)} ms (load ${load}) phases ${JSON.stringify(r.phases)} ` +
          `measures ${JSON.stringify(r.measures ?? {})}`,
      );
    }
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const [k, b] of builds.entries())
    log(`${b.rev}: median ${med(out[k])} ms, runs ${out[k].join(', ')}`);
  await browser.close();
} finally {
  killChildren();
}
process.exit(0);
