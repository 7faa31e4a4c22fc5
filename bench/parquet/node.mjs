#!/usr/bin/env node
// The Parquet open in Node (same V8 and wasm as Chromium), without the page: the worker's
// Session.open of one file to its summary and the Overview's analysis, with the `wb:*` phase
// measures (timing.ts) it records. `node --cpu-prof bench/parquet/node.mjs` profiles it.
//   node bench/parquet/node.mjs --sizes=1m [--codecs=snappy,zstd] [--runs=1]
import { openAsBlob } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetFile } from './make.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;

async function app() {
  const out = join(HERE, '..', 'data', 'app-parquet.mjs');
  const { build } = await import('rolldown');
  await build({
    input: join(HERE, 'entry.ts'),
    platform: 'node',
    external: ['apache-arrow', 'parquet-wasm', 'hyparquet'],
    output: { file: out, format: 'esm', codeSplitting: false },
    logLevel: 'silent',
  });
  return import(out);
}

const { Session } = await app();
for (const size of arg('sizes', '1m').split(',')) {
  for (const codec of arg('codecs', 'snappy,zstd').split(',')) {
    const path = parquetFile(size, 'duckdb', codec);
    for (let run = 0; run < Number(arg('runs', 1)); run++) {
      const file = new File([await openAsBlob(path)], `eval_${size}.${codec}.parquet`);
      performance.clearMeasures();
      const s = new Session();
      const t = performance.now();
      const u = process.cpuUsage();
      const r = await s.open([{ kind: 'file', file }], () => {});
      const opened = performance.now() - t;
      if (!r.summary) throw new Error(JSON.stringify(r.errors));
      s.analyse(r.summary.inferred);
      const ms = performance.now() - t;
      const cpu = (process.cpuUsage(u).user + process.cpuUsage(u).system) / 1000;
      const phases = {};
      for (const m of performance.getEntriesByType('measure')) {
        if (m.startTime < t) continue;
        phases[m.name] = (phases[m.name] ?? 0) + m.duration;
      }
      console.log(
        `${size} ${codec}: open ${opened.toFixed(0)} ms, + analysis ${ms.toFixed(0)} ms (cpu ${cpu.toFixed(0)} ms)`,
      );
      for (const [k, v] of Object.entries(phases))
        console.log(`  ${k.padEnd(28)} ${v.toFixed(0)} ms`);
      s.cancelOpen(0);
    }
  }
}
process.exit(0);
