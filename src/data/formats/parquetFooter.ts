// Checks a Parquet file's footer and page headers against the bytes really there, before the
// decoder trusts them. arrow-rs allocates what a size field says (a flipped bit in a page's
// uncompressed size asks for gigabytes), and wasm memory never shrinks once grown, so every size
// the decoder will act on is bounded here by the file and by the tab's budget.
// Two steps: the footer (every chunk inside the file, the totals within budget) once per read,
// and the page headers of a chunk just before that chunk is decoded (`checkGroupPages`), so a
// file read by range (parquetPartial.ts) checks only the chunks it has read.
import { parquetMetadata } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import type { ColumnMetaData, FileMetaData } from 'hyparquet';
import { DataError } from '../readIpc';

const MAGIC = 0x31524150; // "PAR1", little-endian
/** What the decoded columns may take in wasm memory (4 GiB at most, and the IPC copy is beside). */
export const MAX_DECODED_BYTES = 1.5 * 2 ** 30;
/** Values (not rows: a 128-d embedding is 128 per row) one file may decode to. */
export const MAX_VALUES = 2 ** 29;

const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const fail = (why: string): never => {
  throw new DataError(why);
};

function footer(bytes: Uint8Array): FileMetaData {
  if (bytes.length < 12) fail(`the Parquet file is truncated: it has only ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(bytes.length - 4, true) !== MAGIC) {
    fail('the Parquet file is truncated: it does not end with the closing "PAR1" and its footer');
  }
  const len = view.getUint32(bytes.length - 8, true);
  if (len > bytes.length - 12) {
    fail(
      `the Parquet file is truncated or corrupt: its footer claims ${len} bytes, more than the file has`,
    );
  }
  try {
    return parquetMetadata(bytes);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return fail(`the Parquet file is corrupt: its footer does not parse (${msg})`);
  }
}

const nameOf = (m: ColumnMetaData) => m.path_in_schema.join('.');
/** Where the page walk starts and stops (the first page: the dictionary's, if any). */
function span(meta: ColumnMetaData): [number, number] {
  const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
  return [start, start + Number(meta.total_compressed_size)];
}

/** The chunk must lie between the leading "PAR1" and the footer. */
function checkBounds(meta: ColumnMetaData, end: number): void {
  const [start, stop] = span(meta);
  if (!(start >= 4 && stop <= end && stop >= start)) {
    fail(
      `the Parquet file is truncated or corrupt: column "${nameOf(meta)}" lies outside the file`,
    );
  }
}

/**
 * The bytes a column chunk's pages occupy, [start, end): what a read by range must bring in
 * before the chunk is checked and decoded. Writers disagree on `dictionary_page_offset` (0 or
 * past the data page when there is none); the range covers both readings of it (the page check's
 * and parquetSplit's), clamped to the file.
 */
export function chunkRange(meta: ColumnMetaData, fileSize: number): [number, number] {
  const size = Number(meta.total_compressed_size);
  const data = Number(meta.data_page_offset);
  const dict =
    meta.dictionary_page_offset === undefined ? null : Number(meta.dictionary_page_offset);
  const starts = [dict ?? data, dict !== null && dict > 0 && dict < data ? dict : data];
  const a = Math.max(0, Math.min(...starts));
  const b = Math.min(fileSize, Math.max(...starts) + size);
  return Number.isFinite(a) && Number.isFinite(b) && b > a ? [a, b] : [a, a];
}

/** Walks one column chunk's page headers; each must lie inside the chunk and stay in its sizes. */
function checkPages(bytes: Uint8Array, meta: ColumnMetaData, end: number): void {
  checkBounds(meta, end);
  const name = nameOf(meta);
  const [start, stop] = span(meta);
  const maxDecoded = Number(meta.total_uncompressed_size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: start };
  let decoded = 0;
  while (reader.offset < stop) {
    let h: ReturnType<typeof parquetHeader>;
    try {
      h = parquetHeader(reader);
    } catch {
      return fail(`the Parquet file is corrupt: a page header of column "${name}" does not parse`);
    }
    // Numbers, whatever the (possibly damaged) thrift types say: an i64 comes back as a BigInt.
    const size = Number(h.compressed_page_size);
    const pageDecoded = Number(h.uncompressed_page_size);
    decoded += pageDecoded;
    if (!(size >= 0 && reader.offset + size <= stop && pageDecoded >= 0)) {
      fail(
        `the Parquet file is truncated or corrupt: a page of column "${name}" runs past its column`,
      );
    }
    if (decoded > maxDecoded) {
      fail(
        `the Parquet file is corrupt: the pages of column "${name}" decode to more than the ` +
          `${maxDecoded} bytes its footer declares`,
      );
    }
    reader.offset += size;
  }
}

/** A DataError as it is; anything else (hyparquet trusting a field of the wrong thrift type or shape) means the footer is damaged. */
function damaged<R>(f: () => R): R {
  try {
    return f();
  } catch (err) {
    if (err instanceof DataError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    return fail(`the Parquet file is corrupt: its footer is damaged (${msg})`);
  }
}

/**
 * Throws a DataError naming the problem, or returns the footer of a sound file: every chunk lies
 * inside the file and the totals fit the tab. Page headers are checked per chunk, before it is
 * decoded (`checkGroupPages`). `bytes` is the whole file, or a buffer of its size holding at
 * least its first 4 bytes and its footer (a read by range).
 */
export function checkParquetFooter(bytes: Uint8Array): FileMetaData {
  return sameFooter(checked, bytes, () => damaged(() => checkAll(bytes)));
}

const checked = new WeakMap<Uint8Array, { tail: Uint8Array; value: FileMetaData }>();

/**
 * `parse()` of `bytes`' footer, once per buffer: a Parquet open reads the same footer for its
 * schema, its first columns and every deferred column (each parse ≈5–30 ms at 1M). The cached
 * value is used only while the buffer's length and footer bytes are the ones parsed, so a buffer
 * changed in place is parsed again.
 */
export function sameFooter<V>(
  cache: WeakMap<Uint8Array, { tail: Uint8Array; value: V }>,
  bytes: Uint8Array,
  parse: () => V,
): V {
  const hit = cache.get(bytes);
  const len =
    bytes.length >= 8
      ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true)
      : 0;
  const from = Math.max(0, bytes.length - 8 - len);
  if (hit && hit.tail.length === bytes.length - from && equal(hit.tail, bytes.subarray(from)))
    return hit.value;
  const value = parse();
  cache.set(bytes, { tail: bytes.slice(from), value });
  return value;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Checks the page headers of row group `g`'s chunks of the leaf columns `leaves` (all when
 * undefined); their bytes must be in `bytes`. Throws a DataError naming the column.
 */
export function checkGroupPages(
  bytes: Uint8Array,
  meta: FileMetaData,
  g: number,
  leaves?: readonly number[],
): void {
  damaged(() => {
    const end = bytes.length - 8 - meta.metadata_length;
    const chunks = meta.row_groups[g]?.columns ?? [];
    for (const l of leaves ?? chunks.map((_, i) => i)) {
      const m = chunks[l]?.meta_data;
      if (m) checkPages(bytes, m, end);
    }
  });
}

function checkAll(bytes: Uint8Array): FileMetaData {
  const meta = footer(bytes);
  const end = bytes.length - 8 - meta.metadata_length;
  let decoded = 0;
  let values = 0;
  let rows = 0;
  for (const group of meta.row_groups) {
    rows += Number(group.num_rows);
    for (const chunk of group.columns) {
      const m = chunk.meta_data;
      if (!m) fail('the Parquet file keeps columns in other files, which a browser cannot open');
      decoded += Number(m!.total_uncompressed_size);
      values += Number(m!.num_values);
      checkBounds(m!, end);
    }
  }
  if (!(rows >= 0 && rows <= 2 ** 31 - 1 && values <= MAX_VALUES)) {
    fail(
      `the Parquet file is corrupt or too large: its footer declares ${rows} rows and ${values} values`,
    );
  }
  if (decoded > MAX_DECODED_BYTES) {
    fail(
      `the Parquet file decodes to ${mib(decoded)} (its footer says), more than the ` +
        `${mib(MAX_DECODED_BYTES)} a tab can decode; split it into smaller files or sample it`,
    );
  }
  return meta;
}
