#!/usr/bin/env node
// Parquet copies of the bench files (bench/generate.mjs), written by real producers:
//   polars write_parquet (zstd, its default; and snappy) and DuckDB COPY (snappy, pyarrow's
//   default codec, and zstd; row groups of 122,880 rows, data pages v1 with dictionaries, which
//   is what pyarrow writes too). Also a CSV of the same rows without the vector columns.
//   node bench/parquet/make.mjs --sizes=100k,1m
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { DATA_DIR, fileFor } from '../generate.mjs';

export const parquetFile = (size, producer, codec) =>
  join(DATA_DIR, `eval_${size}.${producer}-${codec}.parquet`);
export const csvFile = (size) => join(DATA_DIR, `eval_${size}.csv`);

/**
 * polars 0.25 refuses the IPC that arrow-js writes (InvalidFooter; "Unable to get root as
 * message" for the stream), so arrow-rs (parquet-wasm) turns it into an uncompressed Parquet
 * first, which polars and DuckDB then rewrite with their own writers.
 */
let pw = null;
function stageParquet(arrow) {
  const staged = `${arrow}.staged.parquet`;
  if (existsSync(staged)) return staged;
  const table = pw.Table.fromIPCStream(tableToIPC(tableFromIPC(readFileSync(arrow)), 'stream'));
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.UNCOMPRESSED)
    .build();
  writeFileSync(staged, pw.writeParquet(table, props));
  return staged;
}

export async function makeParquet(size, log = console.log) {
  // Loaded here, not at the top: decoders.mjs only needs the file names above. nodejs-polars'
  // native binary needs Node 22 (or `npm install --no-save nodejs-polars-linux-x64-gnu@0.25.2`);
  // without it, DuckDB copies arrow-rs's staged file and the polars files are not written.
  const pl = await import('nodejs-polars').then((m) => m.default).catch(() => null);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  pw ??= await import('parquet-wasm');
  const arrow = fileFor(size);
  if (!existsSync(arrow))
    throw new Error(`${arrow} is missing: node bench/generate.mjs --sizes=${size}`);
  let df = null;
  const polarsOut = (codec) => parquetFile(size, 'polars', codec);
  for (const codec of pl ? ['zstd', 'snappy'] : []) {
    if (existsSync(polarsOut(codec))) continue;
    df ??= pl.readParquet(stageParquet(arrow));
    const t = Date.now();
    df.writeParquet(polarsOut(codec), { compression: codec });
    log(`  wrote ${polarsOut(codec)} in ${Date.now() - t} ms`);
  }
  const from = existsSync(polarsOut('zstd')) ? polarsOut('zstd') : stageParquet(arrow);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  for (const codec of ['snappy', 'zstd']) {
    const out = parquetFile(size, 'duckdb', codec);
    if (existsSync(out)) continue;
    const t = Date.now();
    await conn.run(
      `COPY (SELECT * FROM read_parquet('${from}')) TO '${out}' (FORMAT parquet, COMPRESSION ${codec})`,
    );
    log(`  wrote ${out} in ${Date.now() - t} ms`);
  }
  if (!existsSync(csvFile(size))) {
    const t = Date.now();
    await conn.run(
      `COPY (SELECT * EXCLUDE (embedding) REPLACE (to_json(probs_v1) AS probs_v1, to_json(probs_v2) AS probs_v2) FROM read_parquet('${from}')) TO '${csvFile(size)}' (HEADER)`,
    );
    log(`  wrote ${csvFile(size)} in ${Date.now() - t} ms`);
  }
  conn.closeSync();
}

if (process.argv[1]?.endsWith('make.mjs')) {
  const arg = process.argv.find((a) => a.startsWith('--sizes='));
  for (const s of (arg ? arg.slice(8) : '100k,1m').split(',')) await makeParquet(s);
}
