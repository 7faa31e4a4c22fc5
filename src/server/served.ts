// The served data: DuckDB in memory over the user's Parquet files in place, locked down before
// any request arrives. After `lock_configuration` no statement can reach another file, write a
// file, load an extension or undo these settings, whatever SQL were to run.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { basename } from 'node:path';
import { InputError } from './inputs';
import { ident, int, str } from './sql/quote';
import type { SqlQuery } from './sql/types';

/** The view every query reads; `ROW` is the engine's row index (file order across parts). */
export const VIEW = 'wb_data';
export const ROW = '__wb_row';

export interface Served extends SqlQuery {
  files: string[];
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

const schemaText = (cols: { name: string; type: string }[]) =>
  cols.map((c) => `${c.name} ${c.type}`).join(', ');

/** Every part must have the first part's columns and types, in the same order. */
async function checkSchemas(c: DuckDBConnection, files: string[]) {
  let first: { name: string; type: string }[] | null = null;
  for (const f of files) {
    let cols: { name: string; type: string }[];
    try {
      const d = await rowsOf(c, `DESCRIBE SELECT * FROM read_parquet(${str(f)})`);
      cols = d.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch (err) {
      throw new InputError(`Cannot read ${f} as Parquet: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!first) first = cols;
    else if (schemaText(cols) !== schemaText(first))
      throw new InputError(
        `The parts do not share one schema:\n  ${basename(files[0]!)}: ${schemaText(first)}\n  ${basename(f)}: ${schemaText(cols)}`,
      );
  }
  return first!;
}

export async function openServed(files: string[], threads?: number): Promise<Served> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const columns = await checkSchemas(c, files);
  if (columns.some((col) => col.name === ROW))
    throw new InputError(`A column is named ${ROW}, which the server keeps for row numbers`);
  const list = `[${files.map(str).join(', ')}]`;
  // Row index = the rows of the parts before + the row's number within its part.
  const counts = await rowsOf(
    c,
    `SELECT file_name AS f, num_rows AS n FROM parquet_file_metadata(${list})`,
  );
  const byFile = new Map(counts.map((r) => [String(r.f), Number(r.n)]));
  let offset = 0;
  const offsets = files.map((f) => {
    const at = offset;
    offset += byFile.get(f) ?? 0;
    return at;
  });
  const fileCol = '__wb_file';
  const start =
    files.length === 1
      ? '0'
      : `(CASE ${ident(fileCol)} ${files.map((f, i) => `WHEN ${str(f)} THEN ${int(offsets[i]!)}`).join(' ')} END)`;
  await c.run(
    `CREATE VIEW ${ident(VIEW)} AS SELECT ${columns.map((col) => ident(col.name)).join(', ')}, ` +
      `CAST(${start} + file_row_number AS BIGINT) AS ${ident(ROW)} ` +
      `FROM read_parquet(${list}, filename = ${str(fileCol)}, file_row_number = true)`,
  );
  for (const s of [
    `SET allowed_paths = ${list}`,
    'SET enable_external_access = false',
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    ...(threads ? [`SET threads = ${int(threads)}`] : []),
    'SET lock_configuration = true',
  ])
    await c.run(s);
  const [count] = await rowsOf(c, `SELECT count(*) AS n FROM ${ident(VIEW)}`);
  return {
    files,
    columns,
    rowCount: Number(count!.n),
    fileRows: files.map((f) => byFile.get(f) ?? 0),
    rows: (sql) => rowsOf(c, sql),
    close: () => {
      c.closeSync();
      instance.closeSync();
    },
  };
}
