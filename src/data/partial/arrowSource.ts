// The deferred columns of an Arrow file read from its footer (readPartial.ts): each column's
// byte ranges are read into the file-sized buffer the Table already views, then normalized.
import type { DataType } from 'apache-arrow';
import { checkTable } from '../checkData';
import { columnAt } from '../fromArrow';
import { DataError } from '../readIpc';
import type { PartialArrow } from './readPartial';
import { rangeBytes, readRanges } from './ranges';
import type { DeferredSource } from './source';

export function arrowSource(p: PartialArrow): DeferredSource {
  const type = (i: number) => p.table.schema.fields[i]!.type as DataType;
  return {
    totalBytes: p.deferredBytes,
    vector: (i) => String(type(i)).startsWith('FixedSizeList'),
    bytesOf: (i) => rangeBytes(p.deferred.get(i) ?? []),
    load: (i, file, onRead, signal) =>
      readRanges(file, p.bytes, p.deferred.get(i)!, onRead, signal),
    decode: (i, name) => {
      checkTable(p.table, new Set([i]));
      const col = columnAt(p.table, i, name);
      if (typeof col === 'string') throw new DataError(col);
      return { col, arrowType: String(type(i)) };
    },
  };
}
