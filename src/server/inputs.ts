// What `npm run serve` was given, as a list of Parquet files: files, directories of Parquet
// parts, and globs (expanded by DuckDB's own glob(), so the pattern syntax is DuckDB's). Every
// failure is a sentence for the command line.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { str } from './sql/quote';

export class InputError extends Error {}

const GLOB = /[*?[{]/;

function partsOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...partsOf(p));
    else if (/\.parquet$/i.test(e.name)) out.push(p);
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

/** Absolute paths of the Parquet files to serve, in a stable order; throws InputError. */
export async function resolveInputs(args: string[], cwd: string): Promise<string[]> {
  if (args.length === 0)
    throw new InputError('Name the Parquet files to serve: npm run serve -- data/preds_*.parquet');
  const files: string[] = [];
  for (const arg of args) {
    const p = resolve(cwd, arg);
    if (existsSync(p) && statSync(p).isDirectory()) {
      const parts = partsOf(p);
      if (parts.length === 0) throw new InputError(`No .parquet files in the folder ${p}`);
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
  for (const f of files) {
    if (!/\.parquet$/i.test(f))
      throw new InputError(
        `${f} is not a .parquet file: the server reads Parquet (open Arrow and CSV files in the tab with npm start)`,
      );
  }
  return [...new Set(files)];
}
