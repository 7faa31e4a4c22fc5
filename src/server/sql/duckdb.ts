// A SqlQuery over an in-memory DuckDB (@duckdb/node-api) with one view, `wb_data`, over the
// files named: Parquet (one file, a glob or a list) or CSV, read in place, never copied.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { SqlQuery } from './types';
import { ident, str } from './quote';

export interface DuckDb extends SqlQuery {
  /** Column names and DuckDB types of the view, in file order. */
  columns: { name: string; type: string }[];
  rowCount: number;
  close(): void;
}

/** The table function reading these files; CSV by extension, Parquet otherwise. */
export function readerSql(paths: string[]): string {
  const list = `[${paths.map(str).join(', ')}]`;
  return paths.every((p) => /\.(csv|tsv)(\.gz)?$/i.test(p))
    ? `read_csv(${list}, union_by_name = false)`
    : `read_parquet(${list})`;
}

async function rowsOf(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await c.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Opens DuckDB in memory and creates `view` over the files (the FROM item for SqlSource). */
export async function openDuckDb(paths: string[], view = 'wb_data'): Promise<DuckDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE VIEW ${ident(view)} AS SELECT * FROM ${readerSql(paths)}`);
  const described = await rowsOf(conn, `DESCRIBE ${ident(view)}`);
  const [count] = await rowsOf(conn, `SELECT count(*) AS n FROM ${ident(view)}`);
  return {
    rows: (sql) => rowsOf(conn, sql),
    columns: described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
    rowCount: Number(count!.n),
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
