import type { Column, LoadedTable } from './types';
import { LABEL_NAME } from './names';
import { DataError } from './readIpc';
import { keyReader, takeColumn } from './take';
import { countDuplicateIds } from './duplicates';
import { formatCount } from '../shared/numberFormat';
import {
  type CombinedTable,
  type FileJoin,
  type JoinReport,
  findIdColumn,
  indexIds,
  versionColumnOf,
  versionNamesFromFiles,
} from './shapes';

interface Rows {
  keys: (string | null)[];
  keySet: Set<string>;
}

function rowsOf(idCol: Column, n: number): Rows {
  const key = keyReader(idCol);
  const keys = Array.from({ length: n }, (_, i) => key(i));
  return { keys, keySet: new Set(keys.filter((k): k is string => k !== null)) };
}

/** For each dataset row, the row of `t` with the same id (first occurrence), or -1. */
function joinIndex(rows: Rows, index: Map<string, number>): { idx: Int32Array; matched: number } {
  const idx = new Int32Array(rows.keys.length);
  let matched = 0;
  rows.keys.forEach((k, i) => {
    const j = k === null ? undefined : index.get(k);
    idx[i] = j ?? -1;
    if (j !== undefined) matched++;
  });
  return { idx, matched };
}

function countExtra(index: Map<string, number>, rows: Rows): number {
  let extra = 0;
  for (const k of index.keys()) if (!rows.keySet.has(k)) extra++;
  return extra;
}

/** Adds `t`'s columns (one version's, or a long log pivoted) to the dataset by id. */
function joinInto(
  out: Column[],
  names: Set<string>,
  rows: Rows,
  t: LoadedTable,
  version: string | null,
): FileJoin[] {
  const idCol = findIdColumn(t)!;
  const verCol = versionColumnOf(t, idCol);
  const add = (c: Column, idx: Int32Array, name: string) => {
    if (LABEL_NAME.test(c.name) && names.has(c.name)) return;
    let unique = name;
    for (let k = 2; names.has(unique); k++) unique = `${name} (${k})`;
    names.add(unique);
    out.push(takeColumn(c, idx, unique));
  };
  const groups: { version: string | null; rowsOf: Int32Array | null }[] = [];
  if (verCol) {
    const vkey = keyReader(verCol);
    const byVersion = new Map<string, number[]>();
    for (let i = 0; i < t.numRows; i++) {
      const v = vkey(i) ?? 'null';
      if (!byVersion.has(v)) byVersion.set(v, []);
      byVersion.get(v)!.push(i);
    }
    const names = [...byVersion.keys()].sort((a, b) =>
      a.localeCompare(b, undefined, { numeric: true }),
    );
    for (const v of names) groups.push({ version: v, rowsOf: Int32Array.from(byVersion.get(v)!) });
  } else groups.push({ version, rowsOf: null });

  return groups.map(({ version: v, rowsOf: sub }) => {
    const subset = sub ? takeColumn(idCol, sub) : idCol;
    const n = sub ? sub.length : t.numRows;
    const { index, duplicates } = indexIds(subset, n);
    const { idx: local, matched } = joinIndex(rows, index);
    const idx = sub ? local.map((j) => (j < 0 ? -1 : sub[j]!)) : local;
    for (const c of t.columns) {
      if (c === idCol || c === verCol) continue;
      add(c, idx, v && !LABEL_NAME.test(c.name) ? `${c.name}_${v}` : c.name);
    }
    const missing = rows.keys.length - matched;
    return {
      fileName: t.fileName,
      rows: n,
      version: v,
      matched,
      missing,
      extra: countExtra(index, rows),
      duplicates,
    };
  });
}

/** Turns the files opened together into one wide table, whatever shape they came in. */
export function combineTables(tables: LoadedTable[]): CombinedTable {
  const withIds = tables.map((t) => ({ t, id: findIdColumn(t) }));
  if (tables.length > 1) {
    const noId = withIds.filter((x) => !x.id).map((x) => x.t.fileName);
    if (noId.length)
      throw new DataError(`cannot join the files: no id column in ${noId.join(', ')}`);
  }
  const logs = withIds.filter((x) => x.id && versionColumnOf(x.t, x.id));
  const plain = withIds.filter((x) => !logs.includes(x));
  const base =
    plain.find((x) => x.t.columns.some((c) => LABEL_NAME.test(c.name))) ??
    [...plain].sort((a, b) => b.t.columns.length - a.t.columns.length)[0];

  const notes: string[] = [];
  const columns: Column[] = [];
  const names = new Set<string>();
  let rows: Rows;
  let idColumn: string | null = null;
  if (base) {
    base.t.columns.forEach((c) => (columns.push(c), names.add(c.name)));
    idColumn = base.id?.name ?? null;
    // Ids as strings are only needed to join other files: a single wide file skips that cost.
    const joining = plain.length > 1 || logs.length > 0;
    rows = base.id && joining ? rowsOf(base.id, base.t.numRows) : { keys: [], keySet: new Set() };
  } else {
    // Only long logs: one row per distinct id, in order of first appearance.
    const first = logs[0]!;
    const { index } = indexIds(first.id!, first.t.numRows);
    const idRows = Int32Array.from(index.values());
    const idCol = takeColumn(first.id!, idRows);
    columns.push(idCol);
    names.add(idCol.name);
    idColumn = idCol.name;
    rows = rowsOf(idCol, idRows.length);
  }
  const numRows = rows.keys.length || (base ? base.t.numRows : 0);

  // Versions in natural order of their names (v2 before v10), whatever order files came in.
  const unordered = plain.filter((x) => x !== base);
  const names0 = versionNamesFromFiles(unordered.map((x) => x.t.fileName));
  const order = unordered
    .map((_, i) => i)
    .sort((a, b) => names0[a]!.localeCompare(names0[b]!, undefined, { numeric: true }));
  const others = order.map((i) => unordered[i]!);
  const versions = order.map((i) => names0[i]!);
  const files: FileJoin[] = [];
  if (base) {
    const { duplicates } = base.id ? countDuplicateIds(base.id) : { duplicates: 0 };
    files.push({
      fileName: base.t.fileName,
      rows: base.t.numRows,
      version: null,
      matched: base.t.numRows,
      missing: 0,
      extra: 0,
      duplicates,
    });
  }
  others.forEach((x, i) => files.push(...joinInto(columns, names, rows, x.t, versions[i]!)));
  logs.forEach((x) => files.push(...joinInto(columns, names, rows, x.t, null)));

  const idStats = columns.find((c) => c.name === idColumn);
  const { duplicates, nulls } = idStats ? countDuplicateIds(idStats) : { duplicates: 0, nulls: 0 };
  if (duplicates)
    notes.push(
      `${formatCount(duplicates)} rows repeat an id of an earlier row; they are kept as separate rows.`,
    );
  const shape = logs.length ? 'long log' : others.length ? 'per-version files' : 'wide';
  const report: JoinReport = {
    shape,
    idColumn,
    rows: numRows,
    files,
    duplicateIds: duplicates,
    nullIds: nulls,
    notes,
  };
  const metadata = Object.assign({}, ...tables.map((t) => t.metadata)) as Record<string, string>;
  return { numRows, columns, metadata, report };
}
