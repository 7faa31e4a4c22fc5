// A Parquet file opened like a large Arrow file (readPartial.ts): its schema and the columns the
// first view needs are decoded before the dataset opens, the rest (features, embeddings) in the
// background through the same DeferredColumns. The file's bytes are in memory already (reading
// them is a small part of the time; decoding the 128-float embedding is most of it, RESULTS §11).
import { type DataType, type Schema, type Table, Type } from 'apache-arrow';
import type { FileMetaData } from 'hyparquet';
import { checkTable } from '../checkData';
import { columnAt } from '../fromArrow';
import { checkParquetFooter } from '../formats/parquetFooter';
import { splitFooter } from '../formats/parquetSplit';
import { DataError } from '../readIpc';
import { deferredColumns } from './choose';
import type { DeferredSource } from './source';

export interface PartialParquet {
  /** Every column, no rows (the whole read's types: the same decoder and schema). */
  schema: Schema;
  /** The first view's columns, decoded. */
  eager: Table;
  /** Field indices decoded later. */
  deferred: number[];
  /** Per field: null count from the chunks' statistics (0 when they say nothing). */
  nullCounts: number[];
  /** Per deferred list field: its length, as the footer proves it (see `listDim`). */
  dims: (number | null)[];
  source: DeferredSource;
}

const LIST = new Set([Type.List, Type.LargeList, Type.FixedSizeList]);

/** Compressed bytes and null counts of each top-level field, from the footer. */
function chunkFigures(meta: FileMetaData, leaves: [number, number][]) {
  const bytes = leaves.map(() => 0);
  const nulls = leaves.map(() => 0);
  const values = leaves.map(() => 0);
  leaves.forEach(([a, b], k) => {
    for (const g of meta.row_groups) {
      for (let l = a; l < b; l++) {
        const m = g.columns[l]?.meta_data;
        bytes[k]! += Number(m?.total_compressed_size ?? 0);
        if (b - a === 1) nulls[k]! += Number(m?.statistics?.null_count ?? 0);
        values[k]! += Number(m?.num_values ?? 0);
      }
    }
  });
  return { bytes, nulls, values };
}

/**
 * The length of a list column's rows and its null rows, from the footer: a null (or empty) row
 * stores one leaf entry, every other row its `d` elements, so `v` leaf entries over `n` rows
 * with `r` null rows is v = (n - r)·d + r; d is the smallest length that fits, r follows. A
 * column whose entries fit no such split has rows of varying lengths: it is decoded before the
 * dataset opens. (Lengths that vary and still fit are told when the column is decoded: its
 * placeholder's dim is then replaced, or the column fails as a whole read would skip it.)
 */
function listShape(v: number, n: number): { dim: number; nulls: number } | null {
  if (n <= 0) return null;
  const dim = Math.max(1, Math.ceil(v / n));
  if (dim === 1) return v === n ? { dim, nulls: 0 } : null;
  const nulls = (n * dim - v) / (dim - 1);
  return Number.isInteger(nulls) && nulls >= 0 && nulls < n ? { dim, nulls } : null;
}

/**
 * Decodes the schema and the first view's columns; null when the file should be decoded whole
 * (nothing to defer, or anything wrong: the whole read then gives its usual message).
 */
export async function readParquetPartially(
  bytes: Uint8Array,
  onProgress?: (done: number, total: number) => void,
): Promise<PartialParquet | null> {
  const { readParquet } = await import('../formats/parquet');
  let schema: Schema;
  let meta: FileMetaData;
  let names: string[];
  let leaves: [number, number][];
  // Every read uses the types the schema read settled on (the whole read's: see parquet.ts).
  const types: { parquet: boolean } = { parquet: false };
  try {
    meta = checkParquetFooter(bytes);
    ({ names, leaves } = splitFooter(bytes));
    schema = (await readParquet(bytes, { schemaOnly: true, types })).schema;
  } catch {
    return null;
  }
  const fields = schema.fields;
  if (fields.length !== names.length || fields.some((f, i) => f.name !== names[i])) return null;
  const figures = chunkFigures(meta, leaves);
  const rows = Number(meta.num_rows);
  const shapes = fields.map((f, i) =>
    LIST.has((f.type as DataType).typeId) ? listShape(figures.values[i]!, rows) : null,
  );
  const dims = shapes.map((sh) => sh?.dim ?? null);
  shapes.forEach((sh, i) => sh && (figures.nulls[i] = sh.nulls));
  // A list is deferred only when its rows have one length (the summary needs its dim now).
  const later = deferredColumns(fields, schema.metadata, { lists: true }).filter(
    (i) => !LIST.has((fields[i]!.type as DataType).typeId) || dims[i] !== null,
  );
  if (later.length === 0) return null;
  const deferred = new Set(later);
  const eagerNames = names.filter((_, i) => !deferred.has(i));
  let eager: Table;
  try {
    eager = await readParquet(bytes, { columns: eagerNames, onProgress, types });
  } catch {
    return null;
  }
  let held: Uint8Array | null = bytes;
  const source: DeferredSource = {
    totalBytes: later.reduce((s, i) => s + figures.bytes[i]!, 0),
    vector: (i) => LIST.has((fields[i]!.type as DataType).typeId),
    bytesOf: (i) => figures.bytes[i]!,
    load: () => Promise.resolve(),
    decode: async (i, name, onRead, signal) => {
      if (!held) throw new DataError('the file was let go before this column was read');
      let reported = 0;
      const t = await readParquet(held, {
        columns: [name],
        types,
        yieldBetweenGroups: true,
        signal,
        onProgress: (done, total) => {
          const now = total ? Math.round((figures.bytes[i]! * done) / total) : 0;
          onRead(now - reported);
          reported = now;
        },
      });
      onRead(figures.bytes[i]! - reported);
      checkTable(t);
      const col = columnAt(t, 0, name);
      if (typeof col === 'string') throw new DataError(col);
      return { col, arrowType: String(t.schema.fields[0]!.type) };
    },
    release: () => {
      held = null;
    },
  };
  return { schema, eager, deferred: later, nullCounts: figures.nulls, dims, source };
}
