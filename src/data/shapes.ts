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

/** Version names from file names: drop the extension and the tokens all files share. */
export function versionNamesFromFiles(fileNames: string[]): string[] {
  const stems = fileNames.map((f) => f.replace(/\.(arrow|arrows|feather|ipc)$/i, ''));
  const toks = stems.map(tokens);
  let prefix = 0;
  if (toks.length > 1) {
    while (toks.every((t) => t.length > prefix + 1 && t[prefix] === toks[0]![prefix])) prefix++;
  }
  return toks.map((t, i) => {
    const rest = t
      .slice(prefix)
      .filter((w, j) => !(j === 0 && PREDICTION_FILE_WORDS.has(w.toLowerCase())));
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
