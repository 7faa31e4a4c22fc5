#!/usr/bin/env node
// Parquet decoders side by side (and the app's whole decode path, `app`), in Node (same V8 and WebAssembly engine as Chromium), one child
// process per measurement so each peak RSS is its own:
//   parquet-wasm 0.8 (arrow-rs in wasm) → Arrow IPC stream → arrow-js Table
//   hyparquet 1.33 + hyparquet-compressors (pure JS, wasm snappy) → one JS array per column
//   DuckDB-WASM 1.32 read_parquet → arrow-js Table (node-blocking build, eh bundle)
// Time: file bytes already in memory → table ready; the decoder's start-up is timed apart.
//   node bench/parquet/decoders.mjs --sizes=100k,1m [--runs=3] [--decoders=app,parquet-wasm] [--csv]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parquetFile, csvFile } from './make.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const mib = (b) => b / 2 ** 20;

/**
 * The app's own path (src/data/formats/decode.ts: footer checks, row group by row group through
 * parquet-wasm, then fromArrow; or readCsv), bundled for Node once per run by rolldown.
 */
async function appDecoder() {
  const out = join(HERE, '..', 'data', 'app-decode.mjs');
  if (!process.env.APP_DECODE_BUILT) {
    const { build } = await import('rolldown');
    await build({
      input: join(HERE, '..', '..', 'src', 'data', 'formats', 'decode.ts'),
      platform: 'node',
      external: ['parquet-wasm', 'apache-arrow', 'hyparquet'],
      output: { file: out, format: 'esm', codeSplitting: false },
      logLevel: 'silent',
    });
  }
  return import(out);
}

const DECODERS = {
  async app(bytes, file) {
    const t0 = performance.now();
    const { decodeFile } = await appDecoder();
    const init = performance.now() - t0;
    const t1 = performance.now();
    const r = await decodeFile(file, bytes);
    return { init, ms: performance.now() - t1, rows: r.table.numRows };
  },
  async 'parquet-wasm'(bytes) {
    const t0 = performance.now();
    const pw = await import('parquet-wasm');
    const { tableFromIPC } = await import('apache-arrow');
    const init = performance.now() - t0;
    const t1 = performance.now();
    const wasmTable = pw.readParquet(bytes, { batchSize: 1 << 20 });
    const table = tableFromIPC(wasmTable.intoIPCStream());
    return { init, ms: performance.now() - t1, rows: table.numRows };
  },
  async hyparquet(bytes) {
    const t0 = performance.now();
    const { parquetRead } = await import('hyparquet');
    const { compressors } = await import('hyparquet-compressors');
    const init = performance.now() - t0;
    const t1 = performance.now();
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    let rows = 0;
    await parquetRead({
      file: buf,
      compressors,
      onChunk: (c) => {
        if (c.columnName === 'id') rows += c.rowEnd - c.rowStart;
      },
    });
    return { init, ms: performance.now() - t1, rows };
  },
  async 'duckdb-wasm'(bytes) {
    const t0 = performance.now();
    const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
    const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
    const bundles = {
      mvp: {
        mainModule: join(dist, 'duckdb-mvp.wasm'),
        mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
      },
      eh: {
        mainModule: join(dist, 'duckdb-eh.wasm'),
        mainWorker: join(dist, 'duckdb-node-eh.worker.cjs'),
      },
    };
    const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
    await db.instantiate(() => {});
    db.open({});
    const conn = db.connect();
    const init = performance.now() - t0;
    const t1 = performance.now();
    db.registerFileBuffer('x.parquet', bytes);
    const table = conn.query(`SELECT * FROM read_parquet('x.parquet')`);
    return { init, ms: performance.now() - t1, rows: table.numRows };
  },
};

async function one(decoder, file) {
  const bytes = new Uint8Array(readFileSync(file));
  const before = process.memoryUsage().rss;
  const r = await DECODERS[decoder](bytes, file);
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ...r, peakMiB: mib(peak), baseMiB: mib(before) }));
}

function gz(files) {
  return files.reduce((s, f) => s + gzipSync(readFileSync(f)).length, 0);
}

/** Transfer size of what each decoder adds to the app (gzip -6; the wasm files dominate). */
function bundleSizes() {
  const nm = join(HERE, '..', '..', 'node_modules');
  const hy = (d) =>
    execFileSync('ls', [join(nm, d)])
      .toString()
      .split('\n')
      .filter((f) => f.endsWith('.js'))
      .map((f) => join(nm, d, f));
  return {
    'parquet-wasm': gz([
      join(nm, 'parquet-wasm/esm/parquet_wasm.js'),
      join(nm, 'parquet-wasm/esm/parquet_wasm_bg.wasm'),
    ]),
    // Unminified sources: an upper bound for the minified bundle.
    hyparquet: gz([
      ...hy('hyparquet/src'),
      ...hy('hyparquet-compressors/src'),
      join(nm, 'fzstd/esm/index.mjs'),
      ...hy('hysnappy/js'),
    ]),
    'duckdb-wasm': gz([
      join(nm, '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'),
      join(nm, '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js'),
      join(nm, '@duckdb/duckdb-wasm/dist/duckdb-browser.mjs'),
    ]),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const argv = process.argv.slice(2);
  const oneArg = argv.find((a) => a.startsWith('--one='));
  if (oneArg) return one(oneArg.slice(6), argv.at(-1));
  const sizes = (argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '100k,1m').split(',');
  const runs = Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  const only =
    argv
      .find((a) => a.startsWith('--decoders='))
      ?.slice(11)
      .split(',') ?? Object.keys(DECODERS);
  if (only.includes('app')) {
    await appDecoder();
    process.env.APP_DECODE_BUILT = '1';
  }
  const withCsv = argv.includes('--csv');
  const rows = [];
  for (const size of sizes) {
    const targets = ['duckdb', 'polars'].flatMap((producer) =>
      ['snappy', 'zstd'].map((codec) => ({
        producer,
        codec,
        file: parquetFile(size, producer, codec),
      })),
    );
    // --csv: the app's CSV reader on the CSV of the same rows (the only decoder here that reads CSV).
    if (withCsv) targets.push({ producer: 'csv', codec: '-', file: csvFile(size) });
    for (const { producer, codec, file } of targets) {
      {
        if (!existsSync(file)) continue;
        for (const decoder of producer === 'csv' ? ['app'] : only) {
          const rs = [];
          for (let i = 0; i < runs; i++) {
            try {
              const out = execFileSync(
                'node',
                [fileURLToPath(import.meta.url), `--one=${decoder}`, file],
                { maxBuffer: 1 << 20, timeout: 300_000 },
              );
              rs.push(JSON.parse(out.toString()));
            } catch (err) {
              rs.push({ error: String(err.message).split('\n')[0] });
              break;
            }
          }
          const ok = rs.filter((r) => !r.error);
          const row = {
            size,
            producer,
            codec,
            decoder,
            fileMiB: mib(readFileSync(file).length),
            runs: ok.length,
            error: rs.find((r) => r.error)?.error ?? null,
          };
          if (ok.length)
            Object.assign(row, {
              ms: median(ok.map((r) => r.ms)),
              min: Math.min(...ok.map((r) => r.ms)),
              max: Math.max(...ok.map((r) => r.ms)),
              init: median(ok.map((r) => r.init)),
              peakMiB: median(ok.map((r) => r.peakMiB)),
              baseMiB: median(ok.map((r) => r.baseMiB)),
              rows: ok[0].rows,
            });
          console.log(JSON.stringify(row));
          rows.push(row);
        }
      }
    }
  }
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    bundles: bundleSizes(),
    rows,
  };
  writeFileSync(join(HERE, 'decoders.json'), JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out.bundles));
}

await main();
