// The Parquet baseline: DuckDB-WASM 1.28.0, the last release with Parquet inside its .wasm
// (bench/lib/duckdbParquet.mjs fetches it; bench/vite.config.ts points `duckdb-wasm-old` at it,
// or at oldDuckdbMissing.ts when it is not there). Its wasm and worker are served beside the page.
import * as old from 'duckdb-wasm-old';

let conn: Promise<{ db: old.AsyncDuckDB; c: old.AsyncDuckDBConnection }> | null = null;

function connect() {
  conn ??= (async () => {
    const base = new URL('./duckdb-old/', location.href);
    const db = new old.AsyncDuckDB(
      new old.VoidLogger(),
      new Worker(new URL('duckdb-browser-eh.worker.js', base)),
    );
    await db.instantiate(new URL('duckdb-eh.wasm', base).href);
    return { db, c: await db.connect() };
  })();
  return conn;
}

/** The same read as main.ts's duckdbOpen, by the old release: file handle → Arrow table. */
export async function oldDuckdbOpen(file: File, kind: 'parquet' | 'csv', sql: string) {
  const { db, c } = await connect();
  const version = (await c.query('SELECT version() AS v')).getChildAt(0)?.get(0);
  const t0 = performance.now();
  await db.registerFileHandle(file.name, file, old.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const fn = kind === 'parquet' ? 'read_parquet' : 'read_csv';
  const table = await c.query(`SELECT ${sql} FROM ${fn}('${file.name}')`);
  const ms = performance.now() - t0;
  await db.dropFile(file.name);
  return { ms, rows: table.numRows, columns: table.numCols, bundle: `eh, DuckDB ${version}` };
}
