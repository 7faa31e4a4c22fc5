// DuckDB-WASM 1.32 (DuckDB 1.4) has no Parquet reader inside: read_parquet fetches the parquet
// extension from DuckDB's extension host, which this machine cannot reach. DuckDB-WASM 1.28.0
// (DuckDB v0.9.1, as its version() says) is the last release with Parquet built into its .wasm, so it stands in as the
// Parquet baseline. It is fetched from the npm registry into bench/data (gitignored) when a
// Parquet open is benchmarked: the app and npm test never see it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATA } from './config.mjs';
import { log } from './util.mjs';

export const OLD_DUCKDB = '1.28.0';
export const OLD_DUCKDB_DIR = join(DATA, `duckdb-wasm-${OLD_DUCKDB}`, 'package', 'dist');
/** The files the bench page loads at run time, copied beside it (see bench/page/oldDuckdb.ts). */
const SERVED = ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js'];

/** Fetches the package once; returns null (with a logged reason) if npm cannot. */
export function ensureOldDuckdb() {
  if (existsSync(join(OLD_DUCKDB_DIR, SERVED[0]))) return OLD_DUCKDB_DIR;
  const dir = join(DATA, `duckdb-wasm-${OLD_DUCKDB}`);
  mkdirSync(dir, { recursive: true });
  try {
    log(`fetching @duckdb/duckdb-wasm@${OLD_DUCKDB} (the Parquet baseline) into ${dir}`);
    execFileSync('npm', ['pack', `@duckdb/duckdb-wasm@${OLD_DUCKDB}`, '--pack-destination', dir], {
      stdio: 'ignore',
      timeout: 300_000,
    });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir], { timeout: 120_000 });
    return OLD_DUCKDB_DIR;
  } catch (err) {
    log(`  could not fetch it: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
    return null;
  }
}

/** Copies the old release's wasm and worker beside the built bench page. */
export function serveOldDuckdb(pageDist) {
  if (!existsSync(join(OLD_DUCKDB_DIR, SERVED[0]))) return;
  const to = join(pageDist, 'duckdb-old');
  mkdirSync(to, { recursive: true });
  for (const f of SERVED) cpSync(join(OLD_DUCKDB_DIR, f), join(to, f));
}
