// What `npm run serve` was given: Parquet or CSV files, directories of parts, globs (expanded by
// DuckDB's own glob(), so the pattern syntax is DuckDB's), or one `.duckdb` database with a
// table. Every failure is a sentence for the command line.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { str } from './sql/quote';

export class InputError extends Error {}

export type Format = 'parquet' | 'csv' | 'duckdb';

export interface Inputs {
  format: Format;
  /** Absolute paths in a stable order (one file for a database). */
  files: string[];
  /** The database's table to serve (null: its only table). */
  table: string | null;
}

const FORMATS: [RegExp, Format][] = [
  [/\.parquet$/i, 'parquet'],
  [/\.(csv|tsv)$/i, 'csv'],
  [/\.(duckdb|ddb)$/i, 'duckdb'],
];
const formatOf = (f: string) => FORMATS.find(([re]) => re.test(f))?.[1] ?? null;

const GLOB = /[*?[{]/;

function partsOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...partsOf(p));
    else if (formatOf(e.name) === 'parquet' || formatOf(e.name) === 'csv') out.push(p);
  }
  return out.sort();
}

async function expandGlob(pattern: string): Promise<string[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const r = await c.runAndReadAll(`SELECT file FROM glob(${str(pattern)}) ORDER BY file`);
    return r.getRowObjectsJS().map((row) => String(row.file));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** The files to serve and their one format; throws InputError. */
export async function resolveInputs(
  args: string[],
  cwd: string,
  table: string | null = null,
): Promise<Inputs> {
  if (args.length === 0)
    throw new InputError('Name the Parquet files to serve: npm run serve -- data/preds_*.parquet');
  const files: string[] = [];
  for (const arg of args) {
    const p = resolve(cwd, arg);
    if (existsSync(p) && statSync(p).isDirectory()) {
      const parts = partsOf(p);
      if (parts.length === 0) throw new InputError(`No .parquet or .csv files in the folder ${p}`);
      files.push(...parts);
    } else if (existsSync(p)) {
      files.push(p);
    } else if (GLOB.test(arg)) {
      const hits = (await expandGlob(p)).filter((f) => statSync(f).isFile());
      if (hits.length === 0) throw new InputError(`No file matches ${arg} (looked for ${p})`);
      files.push(...hits);
    } else {
      throw new InputError(`No such file: ${p}`);
    }
  }
  const unique = [...new Set(files)];
  const formats = new Set(unique.map(formatOf));
  for (const f of unique) {
    if (!formatOf(f))
      throw new InputError(
        `${f} is not a Parquet, CSV or DuckDB file: the server reads those (open Arrow files in the tab with npm start)`,
      );
  }
  if (formats.size > 1)
    throw new InputError(
      `Serve one kind of file at a time (given ${[...formats].join(' and ')}): convert the others to Parquet first`,
    );
  const format = [...formats][0]!;
  if (format === 'duckdb' && unique.length > 1)
    throw new InputError('Serve one DuckDB database at a time (with --table <name>)');
  if (format !== 'duckdb' && table !== null)
    throw new InputError(
      '--table names a table of a .duckdb file; Parquet and CSV files have none',
    );
  return { format, files: unique, table };
}
