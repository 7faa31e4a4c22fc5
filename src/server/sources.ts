// How each kind of input becomes the one view every query reads (VIEW, with ROW = the row's
// index 0…n−1 in file order). Parquet parts are read in place; CSV files are loaded once into an
// in-memory table (re-parsing text on every query would cost seconds each; nothing is written
// to disk); a `.duckdb` file is attached read-only and its table read in place.
import type { DuckDBConnection } from '@duckdb/node-api';
import { basename } from 'node:path';
import { InputError, type Inputs } from './inputs';
import { ident, int, str } from './sql/quote';

export interface Column {
  name: string;
  type: string;
}

export interface Source {
  columns: Column[];
  /** Rows in each file, in input order. */
  fileRows: number[];
  /** Paths DuckDB may still open once locked. */
  allowed: string[];
}

type Rows = (sql: string) => Promise<Record<string, unknown>[]>;

const schemaText = (cols: Column[]) => cols.map((c) => `${c.name} ${c.type}`).join(', ');

/** Every part must have the first part's columns and types, in the same order. */
async function checkSchemas(rows: Rows, files: string[], reader: (f: string) => string) {
  let first: Column[] | null = null;
  for (const f of files) {
    let cols: Column[];
    try {
      const d = await rows(`DESCRIBE SELECT * FROM ${reader(f)}`);
      cols = d.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch (err) {
      const what = reader === parquetOf ? 'Parquet' : 'CSV';
      throw new InputError(`Cannot read ${f} as ${what}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!first) first = cols;
    else if (schemaText(cols) !== schemaText(first))
      throw new InputError(
        `The parts do not share one schema:\n  ${basename(files[0]!)}: ${schemaText(first)}\n  ${basename(f)}: ${schemaText(cols)}`,
      );
  }
  return first!;
}

function noClash(columns: Column[], row: string): Column[] {
  if (columns.some((col) => col.name === row))
    throw new InputError(`A column is named ${row}, which the server keeps for row numbers`);
  return columns;
}

const parquetOf = (f: string) => `read_parquet(${str(f)})`;
const csvOf = (f: string) => `read_csv(${str(f)}, header = true)`;

async function parquet(
  c: DuckDBConnection,
  rows: Rows,
  files: string[],
  view: string,
  row: string,
) {
  const columns = noClash(await checkSchemas(rows, files, parquetOf), row);
  const list = `[${files.map(str).join(', ')}]`;
  // Row index = the rows of the parts before + the row's number within its part.
  const counts = await rows(
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
    `CREATE VIEW ${ident(view)} AS SELECT ${columns.map((col) => ident(col.name)).join(', ')}, ` +
      `CAST(${start} + file_row_number AS BIGINT) AS ${ident(row)} ` +
      `FROM read_parquet(${list}, filename = ${str(fileCol)}, file_row_number = true)`,
  );
  return { columns, fileRows: files.map((f) => byFile.get(f) ?? 0), allowed: files };
}

/** A text column whose values all look like JSON arrays (probabilities, embeddings) → DOUBLE[]. */
async function listColumns(rows: Rows, table: string, columns: Column[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const col of columns) {
    if (col.type !== 'VARCHAR') continue;
    const c = ident(col.name);
    const [r] = await rows(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ltrim(v) LIKE '[%' AND TRY_CAST(v AS DOUBLE[]) IS NOT NULL) AS ok ` +
        `FROM (SELECT ${c} AS v FROM ${ident(table)} WHERE ${c} IS NOT NULL AND trim(${c}) <> '' LIMIT 1000)`,
    );
    if (Number(r!.n) > 0 && Number(r!.ok) === Number(r!.n)) out.add(col.name);
  }
  return out;
}

async function csv(c: DuckDBConnection, rows: Rows, files: string[], view: string, row: string) {
  const columns = noClash(await checkSchemas(rows, files, csvOf), row);
  const table = '__wb_csv';
  // One file at a time, in order, so rowid is the row's place in the files as given.
  await c.run(`CREATE TABLE ${ident(table)} AS SELECT * FROM ${csvOf(files[0]!)} LIMIT 0`);
  const fileRows: number[] = [];
  let total = 0;
  for (const f of files) {
    await c.run(`INSERT INTO ${ident(table)} SELECT * FROM ${csvOf(f)}`);
    const [r] = await rows(`SELECT count(*) AS n FROM ${ident(table)}`);
    fileRows.push(Number(r!.n) - total);
    total = Number(r!.n);
  }
  const lists = await listColumns(rows, table, columns);
  const select = columns.map((col) =>
    lists.has(col.name)
      ? `TRY_CAST(${ident(col.name)} AS DOUBLE[]) AS ${ident(col.name)}`
      : ident(col.name),
  );
  await c.run(
    `CREATE VIEW ${ident(view)} AS SELECT ${select.join(', ')}, CAST(rowid AS BIGINT) AS ${ident(row)} FROM ${ident(table)}`,
  );
  const typed = columns.map((col) => (lists.has(col.name) ? { ...col, type: 'DOUBLE[]' } : col));
  return { columns: typed, fileRows, allowed: [] };
}

async function duckdbTable(
  c: DuckDBConnection,
  rows: Rows,
  file: string,
  wanted: string | null,
  view: string,
  row: string,
) {
  try {
    await c.run(`ATTACH ${str(file)} AS __wb_src (READ_ONLY)`);
  } catch (err) {
    throw new InputError(
      `Cannot open ${file} as a DuckDB database: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const tables = (
    await rows(
      `SELECT schema_name AS s, table_name AS t FROM duckdb_tables() WHERE database_name = '__wb_src' ORDER BY 2`,
    )
  ).map((r) => ({ schema: String(r.s), name: String(r.t) }));
  const names = tables.map((t) => t.name).join(', ') || 'none';
  const table = wanted
    ? tables.find((t) => t.name === wanted)
    : tables.length === 1
      ? tables[0]
      : undefined;
  if (!table)
    throw new InputError(
      wanted
        ? `${basename(file)} has no table ${wanted} (its tables: ${names})`
        : `${basename(file)} has ${tables.length} tables (${names}): name one with --table <name>`,
    );
  const from = `__wb_src.${ident(table.schema)}.${ident(table.name)}`;
  const d = await rows(`DESCRIBE SELECT * FROM ${from}`);
  const columns = noClash(
    d.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
    row,
  );
  // rowid is the row's place in the table; after deletes it has gaps the engine cannot use.
  const [g] = await rows(`SELECT count(*) AS n, coalesce(max(rowid) + 1, 0) AS top FROM ${from}`);
  if (Number(g!.n) !== Number(g!.top))
    throw new InputError(
      `The table ${table.name} has gaps in its row ids (rows were deleted): copy it to a new table or to Parquet first`,
    );
  await c.run(
    `CREATE VIEW ${ident(view)} AS SELECT ${columns.map((col) => ident(col.name)).join(', ')}, CAST(rowid AS BIGINT) AS ${ident(row)} FROM ${from}`,
  );
  return { columns, fileRows: [Number(g!.n)], allowed: [file] };
}

export async function createSource(
  c: DuckDBConnection,
  rows: Rows,
  input: Inputs,
  view: string,
  row: string,
): Promise<Source> {
  if (input.format === 'parquet') return parquet(c, rows, input.files, view, row);
  if (input.format === 'csv') return csv(c, rows, input.files, view, row);
  return duckdbTable(c, rows, input.files[0]!, input.table, view, row);
}
