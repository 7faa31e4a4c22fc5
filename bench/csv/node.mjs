#!/usr/bin/env node
// The CSV readers in Node (same V8 as Chromium), without the page: the whole read (readCsv) and
// the partial one (csvPartial.ts: first view's columns, then the deferred ones), phase by phase.
//   node bench/csv/node.mjs --sizes=100k,1m [--runs=1] [--only=whole,partial]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvFile } from '../parquet/make.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;

async function app() {
  const out = join(HERE, '..', 'data', 'app-csv.mjs');
  const { build } = await import('rolldown');
  await build({
    input: join(HERE, 'entry.ts'),
    platform: 'node',
    external: ['apache-arrow'],
    output: { file: out, format: 'esm', codeSplitting: false },
    logLevel: 'silent',
  });
  return import(out);
}

const { readCsv, readCsvPartially, arrived } = await app();
/** CPU time of this process since `u` (ms): less stretched than wall time on a busy machine. */
const cpu = (u) => {
  const d = process.cpuUsage(u);
  return ((d.user + d.system) / 1000).toFixed(0);
};
const only = arg('only', 'whole,partial').split(',');
for (const size of arg('sizes', '100k,1m').split(',')) {
  const bytes = new Uint8Array(readFileSync(csvFile(size)));
  for (let run = 0; run < Number(arg('runs', 1)); run++) {
    if (only.includes('whole')) {
      const t = performance.now();
      const u = process.cpuUsage();
      readCsv(bytes, 'x.csv');
      console.log(
        `${size} whole readCsv: ${(performance.now() - t).toFixed(0)} ms (cpu ${cpu(u)} ms)`,
      );
    }
    if (only.includes('partial')) {
      let t = performance.now();
      let u = process.cpuUsage();
      const p = await readCsvPartially(arrived(bytes), 'x.csv');
      const first = `${(performance.now() - t).toFixed(0)} ms (cpu ${cpu(u)} ms)`;
      t = performance.now();
      u = process.cpuUsage();
      const ctl = new AbortController();
      for (const c of p.later) await p.source.decode(c.index, c.name, () => {}, ctl.signal);
      console.log(
        `${size} partial: first view's ${p.table.columns.length} columns ${first}; ` +
          `${p.later.length} deferred ${(performance.now() - t).toFixed(0)} ms (cpu ${cpu(u)} ms)`,
      );
    }
  }
}
