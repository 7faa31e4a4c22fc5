// A Parquet file opened like a large Arrow file (readPartial.ts), by byte range: its footer is
// read from the tail, then only the first view's columns' chunks, row group by row group, into a
// buffer of the file's size (pages never written cost no memory), and decoded; the dataset opens
// on them. The rest (features, embeddings) are read and decoded in the background through the
// same DeferredColumns. Each chunk's page headers are checked when that chunk is decoded
// (parquetFooter.ts), so a damaged deferred column fails alone. Reading a 600 MB file whole and
// walking every page header took ≈2 s of a 1M open (bench/RESULTS.md §11).
import { type DataType, type Schema, type Table, Type } from 'apache-arrow';
import type { FileMetaData } from 'hyparquet';
import { checkTable } from '../checkData';
import { columnAt } from '../fromArrow';
import { checkParquetFooter, chunkRange } from '../formats/parquetFooter';
import { decodeHelper } from '../formats/parquetHelper';
import { splitFooter } from '../formats/parquetSplit';
import { DataError } from '../readIpc';
import { deferredColumns, eagerByName } from './choose';
import { type Range, mergeRanges, rangeReader, readRanges } from './ranges';
import type { DeferredSource } from './source';

/** The tail read first: the footer of a file of a few hundred columns fits (a longer one costs one more read). */
const TAIL_BYTES = 256 * 2 ** 10;

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
 * A buffer of the file's size holding its first 4 bytes and its footer; null when the file is
 * not a Parquet file whose footer fits inside it (the whole read then says why).
 */
async function readFooter(
  file: Blob,
  signal: AbortSignal | undefined,
  tailBytes: number,
): Promise<Uint8Array | null> {
  const size = file.size;
  if (size < 12) return null;
  const bytes = new Uint8Array(size);
  const tail = Math.max(4, size - Math.max(8, tailBytes));
  await readRanges(
    file,
    bytes,
    mergeRanges(
      [
        [0, 4],
        [tail, size],
      ],
      0,
    ),
    undefined,
    signal,
  );
  const view = new DataView(bytes.buffer);
  const MAGIC = 0x31524150; // "PAR1"
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(size - 4, true) !== MAGIC) return null;
  const len = view.getUint32(size - 8, true);
  if (len > size - 12) return null;
  const start = size - 8 - len;
  if (start < tail) await readRanges(file, bytes, [[start, tail]], undefined, signal);
  return bytes;
}

/**
 * Reads the footer and decodes the schema and the first view's columns of a Parquet file, by
 * byte range; null when the file should be decoded whole (nothing to defer, or anything wrong:
 * the whole read then gives its usual message). Throws only when `signal` aborts. `tailBytes`:
 * how much of the end is read first, in the hope that it holds the footer (tests make it small).
 */
export async function readParquetPartially(
  file: Blob,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
  tailBytes = TAIL_BYTES,
): Promise<PartialParquet | null> {
  // The footer is read while the decoder's module loads.
  const footer = readFooter(file, signal, tailBytes);
  footer.catch(() => {}); // awaited below
  const { readParquet, loadDecoder, compiledDecoder } = await import('../formats/parquet');
  loadDecoder().catch(() => {}); // awaited by the first readParquet, which reports a failure
  // The second decoder starts now too, and gets the wasm once it is compiled.
  const helper = decodeHelper(compiledDecoder());
  let bytes: Uint8Array | null;
  try {
    bytes = await footer;
  } catch {
    signal?.throwIfAborted();
    return null;
  }
  if (!bytes) return null;
  // Each range is read once, whoever asks for it; a group's chunks can be awaited alone.
  const reader = rangeReader(file, bytes, signal);
  const fetch = (ranges: Range[]) => reader.read(ranges);
  let schema: Schema;
  let meta: FileMetaData;
  let names: string[];
  let leaves: [number, number][];
  /** Every row group's chunks of field i. */
  const rangesOf = (i: number): Range[] =>
    meta.row_groups.flatMap((g) =>
      g.columns.slice(leaves[i]![0], leaves[i]![1]).flatMap((c) => {
        const m = c.meta_data;
        return m ? [chunkRange(m, file.size)] : [];
      }),
    );
  // Every read uses the types the schema read settled on (the whole read's: see parquet.ts).
  const types: { parquet: boolean } = { parquet: false };
  try {
    meta = checkParquetFooter(bytes);
    ({ names, leaves } = splitFooter(bytes));
    // The columns every open reads, by name, start to be read before the decoder is ready and
    // has told the types (reading them is most of the time before the first decode).
    const kv = new Map((meta.key_value_metadata ?? []).map((e) => [e.key, e.value ?? '']));
    const early = eagerByName(names, kv);
    if (early.length) void fetch(early.flatMap((i) => rangesOf(i))).catch(() => {});
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
    // Every group's first-column chunks asked for at once, several pieces in flight (asking
    // group by group before each decode cost ≈0.6 s of a quiet 1M open, RESULTS §11), but not
    // awaited: each group is decoded as soon as its own chunks have landed (readParquet's
    // `fetch`), while the later groups' are still being read.
    void fetch(names.flatMap((_, i) => (deferred.has(i) ? [] : rangesOf(i)))).catch(() => {});
    eager = await readParquet(bytes, {
      columns: eagerNames,
      onProgress,
      types,
      fetch,
      signal,
      helper,
    });
  } catch {
    signal?.throwIfAborted();
    return null;
  }
  let held: Uint8Array | null = bytes;
  const source: DeferredSource = {
    totalBytes: later.reduce((s, i) => s + figures.bytes[i]!, 0),
    vector: (i) => LIST.has((fields[i]!.type as DataType).typeId),
    bytesOf: (i) => figures.bytes[i]!,
    // The column's chunks, read now; their page headers are checked as each is decoded.
    load: (i, _file, _onRead, signal) => {
      if (!held) return Promise.reject(new Error('the file was let go'));
      return readRanges(file, held, mergeRanges(rangesOf(i)), undefined, signal);
    },
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
