// The served data: DuckDB in memory over the user's files (sources.ts), locked down before
// any request arrives. After `lock_configuration` no statement can reach another file, write a
// file, load an extension or undo these settings, whatever SQL were to run.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Format, Inputs } from './inputs';
import { createSource } from './sources';
import { checkScope, runScoped } from './supersede';
import { ident, int, str } from './sql/quote';
import type { SqlQuery } from './sql/types';

/** The view every query reads; `ROW` is the engine's row index (file order across parts). */
export const VIEW = 'wb_data';
export const ROW = '__wb_row';

export interface Served extends SqlQuery {
  files: string[];
  format: Format;
  /** The files' own columns (without ROW), name and DuckDB type, in file order. */
  columns: { name: string; type: string }[];
  rowCount: number;
  /** Rows in each file, in `files` order. */
  fileRows: number[];
  close(): void;
}

async function rowsOf(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await c.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/**
 * Connections to the one database, opened after its configuration is locked. A query takes an
 * idle one or waits for the first freed, so a cheap request (a threshold edit, a page) runs
 * beside a long one (a bootstrap) instead of behind it; DuckDB shares its threads between them.
 */
const POOL = 3;

async function connectionPool(instance: DuckDBInstance, first: DuckDBConnection, size: number) {
  const idle: DuckDBConnection[] = [first];
  for (let i = 1; i < size; i++) idle.push(await instance.connect());
  const all = [...idle];
  const waiting: ((c: DuckDBConnection) => void)[] = [];
  const release = (c: DuckDBConnection) => {
    const next = waiting.shift();
    if (next) next(c);
    else idle.push(c);
  };
  return {
    async run<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
      // A superseded request starts no more statements (supersede.ts), nor waits for a turn.
      checkScope();
      const c = idle.pop() ?? (await new Promise<DuckDBConnection>((ok) => waiting.push(ok)));
      try {
        return await runScoped(c, () => fn(c));
      } finally {
        release(c);
      }
    },
    /**
     * Closes the idle connections and interrupts busy ones: closing a connection while its query
     * runs left the process unable to exit (a libuv worker blocked for good on SIGTERM).
     */
    close: () => {
      for (const c of all) {
        if (idle.includes(c)) c.closeSync();
        else c.interrupt();
      }
      return idle.length === all.length;
    },
  };
}

/**
 * With WORKBENCH_SQL_LOG=1 in the environment, each statement's wall time and text (its first
 * 400 characters; all with =full) go to stderr: how bench/server.mjs --profile sees which
 * statements a step issues and what each costs.
 */
function logged(run: <T>(fn: (c: DuckDBConnection) => Promise<T>) => Promise<T>) {
  return async (sql: string) => {
    const t0 = performance.now();
    const out = await run((c) => rowsOf(c, sql));
    const ms = (performance.now() - t0).toFixed(0);
    const text = sql.replace(/\s+/g, ' ');
    const shown = process.env.WORKBENCH_SQL_LOG === 'full' ? text : text.slice(0, 400);
    console.error(`[sql ${ms} ms, ${out.length} rows] ${shown}`);
    return out;
  };
}

/** Parquet file paths, or resolved inputs of any kind. */
export async function openServed(input: string[] | Inputs, threads?: number): Promise<Served> {
  const inputs: Inputs = Array.isArray(input)
    ? { format: 'parquet', files: input, table: null }
    : input;
  const files = inputs.files;
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const rows = (sql: string) => rowsOf(c, sql);
  const { columns, fileRows, allowed } = await createSource(c, rows, inputs, VIEW, ROW).catch(
    (err: unknown) => {
      c.closeSync();
      instance.closeSync();
      throw err;
    },
  );
  const list = `[${allowed.map(str).join(', ')}]`;
  for (const s of [
    `SET allowed_paths = ${list}`,
    'SET enable_external_access = false',
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    // Parquet footers are read once, not per query (GLOBAL: this one is per connection unless
    // said so, and the pool's other connections open after the lock); results without ORDER BY may come in any
    // order (every query that needs an order says so), which lets scans skip re-ordering.
    'SET GLOBAL parquet_metadata_cache = true',
    'SET preserve_insertion_order = false',
    ...(threads ? [`SET threads = ${int(threads)}`] : []),
    'SET lock_configuration = true',
  ])
    await c.run(s);
  const [count] = await rowsOf(c, `SELECT count(*) AS n FROM ${ident(VIEW)}`);
  const pool = await connectionPool(instance, c, POOL);
  return {
    files,
    format: inputs.format,
    columns,
    rowCount: Number(count!.n),
    fileRows,
    rows: process.env.WORKBENCH_SQL_LOG
      ? logged(pool.run)
      : (sql) => pool.run((c) => rowsOf(c, sql)),
    close: () => {
      if (pool.close()) instance.closeSync();
    },
  };
}
