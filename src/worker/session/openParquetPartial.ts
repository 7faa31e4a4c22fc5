// A single Parquet file opened on the columns the first view needs, read by byte range, the rest
// read and decoded in the background (parquetPartial.ts).
import type { DataType } from 'apache-arrow';
import { checkTable } from '../../data/checkData';
import { columnNames, fromArrowTable } from '../../data/fromArrow';
import { readParquetPartially } from '../../data/partial/parquetPartial';
import { placeholderOf } from '../../data/partial/placeholder';
import type { ColumnInfo, LoadedTable } from '../../data/types';
import type { OpenResult } from '../../protocol';
import { CANCELLED, type OpenCall } from './openCall';
import { openWith } from './openPartial';

/**
 * Null when it is not a Parquet file this large or it cannot open this way: `Session.open` then
 * reads and decodes it whole, which gives the usual messages.
 */
export async function openParquetPartial(file: File, c: OpenCall): Promise<OpenResult | null> {
  const { onProgress, signal } = c;
  const fileName = file.name;
  if (file.size < Math.max(c.minBytes, 12)) return null;
  try {
    const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    if (new TextDecoder().decode(head) !== 'PAR1') return null;
  } catch {
    return null; // the whole read reports what went wrong
  }
  const decoding = (bytesRead: number, totalBytes: number) =>
    onProgress({ fileName, phase: 'decoding', bytesRead, totalBytes });
  let p;
  try {
    p = await readParquetPartially(file, decoding, signal);
  } catch {
    if (signal.aborted) return CANCELLED;
    return null;
  }
  if (signal.aborted) return CANCELLED;
  if (!p) return null;
  let table: LoadedTable;
  try {
    checkTable(p.eager);
    table = fromArrowTable(p.eager, fileName, file.size);
  } catch {
    return null;
  }
  const order = columnNames(p.schema.fields);
  const later = p.deferred.map((i) => ({ index: i, name: order[i]! }));
  const infos = new Map<string, ColumnInfo>(
    later.map((col) => [
      col.name,
      placeholderOf(
        p.schema.fields[col.index]!.type as DataType,
        col.name,
        p.nullCounts[col.index]!,
        p.dims[col.index]!,
      ),
    ]),
  );
  const r = openWith(table, { order, infos }, later, p.source, c.token, c.onColumns);
  if (r.kind !== 'opened') return null;
  if (signal.aborted) return CANCELLED;
  return c.start(r, file);
}
