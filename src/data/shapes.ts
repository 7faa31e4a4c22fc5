import type { Column, LoadedTable } from './types';
import { ID_NAME, VERSION_NAME } from './names';
import { keyReader } from './take';
import { countDuplicateIds } from './duplicates';

export type DatasetShape = 'wide' | 'per-version files' | 'long log';

export interface FileJoin {
  fileName: string;
  rows: number;
  version: string | null;
  matched: number;
  /** Ids of the dataset that this file has no row for. */
  missing: number;
  /** Ids in this file that the dataset does not have (reported, not added). */
  extra: number;
  /** Rows whose id repeats an earlier row of this file (the first one is used). */
  duplicates: number;
}

export interface JoinReport {
  shape: DatasetShape;
  idColumn: string | null;
  rows: number;
  files: FileJoin[];
  /** Rows of the dataset whose id repeats another row's (kept, and listed here). */
  duplicateIds: number;
  nullIds: number;
  notes: string[];
}

export interface CombinedTable {
  numRows: number;
  columns: Column[];
  metadata: Record<string, string>;
  report: JoinReport;
}

export function findIdColumn(t: LoadedTable): Column | undefined {
  const ok = (c: Column) => c.kind === 'string' || (c.kind === 'numeric' && c.integral);
  return (
    t.columns.find((c) => c.name.toLowerCase() === 'id' && ok(c)) ??
    t.columns.find((c) => ID_NAME.test(c.name) && ok(c))
  );
}

/** Row index of each id's first occurrence; counts repeats and nulls. */
export function indexIds(col: Column, n: number) {
  const key = keyReader(col);
  const index = new Map<string, number>();
  let duplicates = 0;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (k === null) nulls++;
    else if (index.has(k)) duplicates++;
    else index.set(k, i);
  }
  return { index, duplicates, nulls, key };
}

function tokens(stem: string): string[] {
  return stem.split(/[_\-. ]+/).filter(Boolean);
}

const PREDICTION_FILE_WORDS = new Set([
  'preds',
  'pred',
  'predictions',
  'prediction',
  'scores',
  'score',
  'output',
  'outputs',
  'results',
]);

/** Producers, codecs and formats that name how a file was written, not which model made it. */
const WRITER_WORDS = new Set(
  'polars pandas pyarrow arrow duckdb spark feather ipc parquet csv lz4 zstd snappy gzip gz brotli uncompressed'.split(
    ' ',
  ),
);

const EXTENSION = /\.(arrow|arrows|feather|ipc|parquet|pq|csv|tsv)(\.gz)?$/i;

/** How many leading (or, reversed, trailing) tokens every file shares, keeping one each. */
function sharedRun(toks: string[][]): number {
  let n = 0;
  if (toks.length > 1) while (toks.every((t) => t.length > n + 1 && t[n] === toks[0]![n])) n++;
  return n;
}

/**
 * Version names from file names: drop the extension, the tokens all files share at either end,
 * a leading "preds"/"scores"-like word, and trailing producer or codec words
 * ("preds_logreg_polars_lz4.arrow" → "logreg"). Names stay editable in Column roles.
 */
export function versionNamesFromFiles(fileNames: string[]): string[] {
  const stems = fileNames.map((f) => f.replace(EXTENSION, ''));
  const toks = stems.map(tokens);
  const prefix = sharedRun(toks);
  const suffix = sharedRun(toks.map((t) => t.slice(prefix).reverse()));
  return toks.map((t, i) => {
    const rest = t
      .slice(prefix, t.length - suffix)
      .filter((w, j) => !(j === 0 && PREDICTION_FILE_WORDS.has(w.toLowerCase())));
    while (rest.length > 1 && WRITER_WORDS.has(rest.at(-1)!.toLowerCase())) rest.pop();
    return rest.length ? rest.join('_') : stems[i]!;
  });
}

export function versionColumnOf(t: LoadedTable, idCol: Column): Column | undefined {
  const candidate = t.columns.find(
    (c) =>
      VERSION_NAME.test(c.name) &&
      (c.kind === 'string' ? c.dictionary.length <= 50 : c.kind === 'numeric'),
  );
  // A long log repeats each id once per version; a wide table with a "model" column does not.
  return candidate && countDuplicateIds(idCol).duplicates > 0 ? candidate : undefined;
}
