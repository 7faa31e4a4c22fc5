#!/usr/bin/env node
// An interleaved A/B of the 1M Parquet open (open-to-interactive, the bench's own probe:
// file chosen → "N rows" and every headline metric a number), two builds of the app side by side:
// A = a commit (exported and built into bench/data/app-dist-<commit>), B = the work tree. Runs
// alternate A, B, A, B… so both see the same load on a shared machine; `uptime` is logged before
// each run. No DuckDB baseline (bench/run.mjs has it). With --profile, the worker's CPU profile
// of each run is summarised (self and inclusive time) along with the app's `wb:*` measures.
//   BENCH_PORT=4280 node bench/parquet/ab.mjs --a=1de98c2 [--runs=3] [--codecs=snappy,zstd]
//     [--producers=duckdb,polars] [--no-build] [--profile] [--only=a|b]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, DATA, ROOT, BASE_PORT } from '../lib/config.mjs';
import { CHROMIUM_ARGS } from '../../scripts/ensure-chromium.mjs';
import { openOnce } from '../lib/open/once.mjs';
import { killChildren, startServer, waitForServer } from '../lib/servers.mjs';
import { log, stats } from '../lib/util.mjs';
import { parquetFile } from './make.mjs';

const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
const flag = (k) => process.argv.includes(`--${k}`);
const runs = Number(arg('runs', 3));
const codecs = arg('codecs', 'snappy,zstd').split(',');
const producers = arg('producers', 'duckdb').split(',');
const commitA = arg('a', 'main');
const build = !flag('no-build');
const only = arg('only', 'ab');

function viteBuild(dir, out) {
  log(`build ${out}`);
  // Profiled runs read better unminified (function names kept).
  const min = flag('profile') ? ['--minify', 'false'] : [];
  execFileSync(
    'npx',
    ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn', ...min],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  );
}

const distA = join(DATA, `app-dist-${commitA}`);
const distB = join(DATA, 'app-dist-ab-worktree');
if (build) {
  if (only.includes('a')) {
    const src = join(DATA, `app-src-${commitA}`);
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commitA} | tar -x -C "${src}"`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
    viteBuild(src, distA);
  }
  if (only.includes('b')) viteBuild(ROOT, distB);
}
const apps = [
  ...(only.includes('a') ? [{ name: `A ${commitA}`, dist: distA, port: BASE_PORT }] : []),
  ...(only.includes('b') ? [{ name: 'B worktree', dist: distB, port: BASE_PORT + 1 }] : []),
];
for (const a of apps) if (!existsSync(a.dist)) throw new Error(`no build at ${a.dist}`);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const out = {};
try {
  for (const a of apps) {
    a.server = startServer(['--outDir', a.dist], ROOT, a.port);
    await waitForServer(a.server);
  }
  for (const producer of producers)
    for (const codec of codecs) {
      const file = parquetFile('1m', producer, codec);
      if (!existsSync(file)) {
        log(`no ${file}; skipped`);
        continue;
      }
      for (let i = 0; i < runs; i++)
        for (const a of i % 2 ? [...apps].reverse() : apps) {
          const load = loadavg()
            .map((x) => x.toFixed(2))
            .join(' ');
          const r = await openOnce(browser, a.server.url, '1m', {
            timeoutMs: 360_000,
            file,
            profile: flag('profile'),
          });
          const key = `${producer} ${codec} ${a.name}`;
          (out[key] ??= []).push(r.ms);
          log(
            `${key} run ${i + 1}: ${r.ms.toFixed(0)} ms (load ${load}) phases ${JSON.stringify(r.phases)}`,
          );
          if (flag('profile')) {
            const raw = join(DATA, `ab-profile-${key.replace(/\W+/g, '_')}-${i + 1}.json`);
            writeFileSync(raw, JSON.stringify(r.rawProfiles));
            log(`  raw profiles: ${raw}`);
            for (const [where, p] of Object.entries(r.profiles ?? {})) {
              log(`  profile (${where}): ${p.total_ms} ms sampled; self, then inclusive:`);
              for (const f of p.self.slice(0, 20)) log(`    ${String(f.ms).padStart(7)}  ${f.fn}`);
              for (const f of p.inclusive.slice(0, 40))
                log(`    ${String(f.ms).padStart(7)}  ${f.fn}`);
            }
          }
          log(`  measures: ${JSON.stringify(r.measures)}`);
        }
    }
} finally {
  await browser.close().catch(() => {});
  killChildren();
}
for (const [k, v] of Object.entries(out))
  log(`${k}: median ${stats(v).median_ms} ms [${v.map((x) => x.toFixed(0)).join(', ')}]`);
process.exit(0);
