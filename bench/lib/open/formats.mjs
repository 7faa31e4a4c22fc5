// open-to-interactive for Parquet and CSV files (issue 13): the same timed open as the Arrow one
// (openOnce: file chosen → "N rows" and the headline metrics on screen), of the bench data
// written as Parquet by DuckDB (snappy, zstd) and as CSV (bench/parquet/make.mjs), with
// DuckDB-WASM reading the same file to Arrow in the bench page right after each run as the
// baseline. Entries: `open-to-interactive` with `format` set (the table names them apart).
import { existsSync } from 'node:fs';
import { SIZES } from '../../generate.mjs';
import { csvFile, makeParquet, parquetFile } from '../../parquet/make.mjs';
import { OPEN_TIMEOUT } from '../config.mjs';
import { waitForQuiet } from '../machine.mjs';
import { log, round, stats } from '../util.mjs';
import { OLD_DUCKDB } from '../duckdbParquet.mjs';
import { duckdbOpen, openOnce } from './once.mjs';

export const FORMAT_RUNS = { 'open-parquet': 'parquet', 'open-csv': 'csv' };

const FILES = {
  parquet: (size) => [
    { format: 'Parquet, DuckDB writer, snappy', file: parquetFile(size, 'duckdb', 'snappy') },
    { format: 'Parquet, DuckDB writer, zstd', file: parquetFile(size, 'duckdb', 'zstd') },
  ],
  csv: (size) => [{ format: 'CSV, no embedding column', file: csvFile(size) }],
};

/** With --profile: where the worker's and the main thread's time went, and the wb:* phases. */
function logProfile(r) {
  for (const [where, p] of Object.entries(r.profiles)) {
    log(`  profile (${where}): ${p.total_ms} ms sampled; self, then inclusive:`);
    for (const f of p.self.slice(0, 15)) log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
    for (const f of p.inclusive.slice(0, 25)) log(`    ${String(f.ms).padStart(7)} ms  ${f.fn}`);
  }
  log(`  measures: ${JSON.stringify(r.measures)}`);
}

export async function benchOpenFormats(browser, appUrl, pageUrl, size, kind, opts, record) {
  const rows = SIZES[size];
  const files = FILES[kind](size);
  if (files.some((f) => !existsSync(f.file))) await makeParquet(size, (l) => log(l.trim()));
  // Parquet/CSV opens decode on top of reading: give them longer than the Arrow open.
  const timeoutMs = OPEN_TIMEOUT[size] * 2;
  const n = Math.min(opts.runs, 3);
  for (const { format, file } of files) {
    const runs = [];
    const base = [];
    let failure = null;
    let baseFailure = null;
    let release = 'current';
    const baseline = async () => {
      try {
        const d = await duckdbOpen(browser, pageUrl, file, kind, timeoutMs, release);
        base.push(d.ms);
        log(`  duckdb-wasm ${kind}: ${d.ms.toFixed(0)} ms (${d.rows} rows, ${d.bundle})`);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        log(`  duckdb-wasm ${kind} (${release}) FAILED: ${why}`);
        // Offline, the current release cannot fetch its parquet extension: the old one has
        // Parquet built in (bench/lib/duckdbParquet.mjs): this run and the next use it.
        if (release === 'current' && kind === 'parquet' && /parquet extension/.test(why)) {
          release = 'old';
          await baseline();
        } else baseFailure = why;
      }
    };
    for (let i = 0; i < n; i++) {
      const quiet = await waitForQuiet(`open ${format} ${size} run ${i + 1}`);
      try {
        const r = await openOnce(browser, appUrl, size, { timeoutMs, file, profile: opts.profile });
        if (r.profiles) logProfile(r);
        r.quiet = quiet;
        runs.push(r);
        log(
          `open ${format} ${size} run ${i + 1}/${n}: ${r.ms.toFixed(0)} ms ` +
            `phases ${JSON.stringify(r.phases)} long tasks ${r.longTasks.length} (load ${quiet.load1})`,
        );
      } catch (err) {
        failure = err instanceof Error ? err.message : String(err);
        log(`open ${format} ${size} run ${i + 1}/${n} FAILED: ${failure}`);
        break;
      }
      if (pageUrl && !baseFailure) await baseline();
    }
    const s = stats(base);
    record({
      name: 'open-to-interactive',
      rows,
      format,
      session: format,
      ...stats(runs.map((r) => r.ms)),
      runs: runs.length,
      ...(s.median_ms !== null
        ? {
            baseline: {
              name: `duckdb-wasm${release === 'old' ? ` ${OLD_DUCKDB} (DuckDB 0.9.1)` : ''} ${kind === 'csv' ? 'read_csv' : 'read_parquet'} → Arrow`,
              ...s,
            },
            ratio_to_baseline: round(stats(runs.map((r) => r.ms)).median_ms / s.median_ms, 2),
          }
        : {}),
      ...(baseFailure ? { baseline_failed: baseFailure } : {}),
      painted_median_ms: stats(runs.map((r) => r.paintMs)).median_ms,
      phases_median_ms: Object.fromEntries(
        ['Reading', 'Decoding', 'Joining', 'summary'].map((p) => [
          p,
          stats(runs.map((r) => r.phases[p] ?? NaN)).median_ms,
        ]),
      ),
      long_tasks: runs.map((r) => r.longTasks.length),
      peak_renderer_rss_bytes: runs.length ? Math.max(...runs.map((r) => r.peakRss ?? 0)) : null,
      load1: runs.map((r) => r.quiet?.load1 ?? null),
      machine_busy_before: runs.map((r) => r.quiet?.busy_before ?? null),
      ...(failure ? { failed: failure } : {}),
    });
  }
}
