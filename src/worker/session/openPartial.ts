// Opening an Arrow file from its footer (plan A, bench/RESULTS.md §1): the dataset opens with
// the columns the first view needs; the rest are read in the background (deferred.ts). A Parquet
// file opens the same way (openParquetPartial.ts) through `openWith`.
import { checkTable } from '../../data/checkData';
import { combineTables } from '../../data/combine';
import { columnNames, fromArrowTable } from '../../data/fromArrow';
import { placeholderInfo } from '../../data/partial/placeholder';
import type { PartialArrow } from '../../data/partial/readPartial';
import { DataError, explainArrowError } from '../../data/readIpc';
import type { ColumnInfo, LoadedTable } from '../../data/types';
import type { CombinedTable } from '../../data/shapes';
import type { ColumnsUpdate, DatasetSummary } from '../../protocol';
import { OpenDataset } from './dataset';
import { type DeferredColumn, DeferredColumns } from './deferred';
import { arrowSource } from '../../data/partial/arrowSource';
import type { DeferredSource } from '../../data/partial/source';
import { type Placeholders, summarize } from './summary';
import { timed } from './timing';

export type PartialOpen =
  | { kind: 'opened'; dataset: OpenDataset; summary: DatasetSummary; deferred: DeferredColumns }
  /** The first columns are not enough to open on (see below): read the rest, open as usual. */
  | { kind: 'whole' }
  | { kind: 'failed'; reason: string };

/**
 * Normalizes the first columns and summarizes the dataset with placeholders for the rest. The
 * dataset opens this way only when the result is what a full read gives: one wide table whose
 * label is named (a long log joins every column; a label inferred from values needs them all).
 */
export function openPartial(
  p: PartialArrow,
  fileName: string,
  byteLength: number,
  token: number,
  onColumns: (u: ColumnsUpdate) => void,
): PartialOpen {
  const eager = new Set(p.eager);
  let table: LoadedTable;
  try {
    table = timed('open:parse', () => {
      checkTable(p.table, eager);
      return fromArrowTable(p.table, fileName, byteLength, eager);
    });
  } catch (err) {
    const reason = err instanceof DataError ? err.message : explainArrowError(err);
    return { kind: 'failed', reason };
  }
  const order = columnNames(p.table.schema.fields);
  const later = [...p.deferred.keys()].map((i) => ({ index: i, name: order[i]! }));
  const infos = new Map<string, ColumnInfo>(
    later.map((c) => [c.name, placeholderInfo(p.table, c.index, c.name)]),
  );
  return openWith(table, { order, infos }, later, arrowSource(p), token, onColumns);
}

/**
 * The part both formats share: the first columns (already normalized, `table`) opened with
 * placeholders for `later`, whose columns `source` gives in the background.
 */
export function openWith(
  table: LoadedTable,
  placeholders: Placeholders,
  later: DeferredColumn[],
  source: DeferredSource,
  token: number,
  onColumns: (u: ColumnsUpdate) => void,
): PartialOpen {
  let combined: CombinedTable;
  try {
    combined = timed('open:combine', () => combineTables([table]));
  } catch (err) {
    const reason = err instanceof DataError ? err.message : explainArrowError(err);
    return { kind: 'failed', reason };
  }
  if (combined.report.shape !== 'wide') return { kind: 'whole' };
  const summary = timed('open:summarize', () => summarize(combined, [table], placeholders));
  if (!summary.inferred.label) return { kind: 'whole' };
  const dataset = new OpenDataset(combined);
  const deferred = new DeferredColumns(
    source,
    later,
    token,
    (col) => dataset.addColumn(col),
    onColumns,
  );
  dataset.defer(deferred, placeholders.order);
  return { kind: 'opened', dataset, summary, deferred };
}
