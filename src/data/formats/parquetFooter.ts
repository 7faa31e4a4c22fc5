// Checks a Parquet file's footer and page headers against the bytes really there, before the
// decoder trusts them. arrow-rs allocates what a size field says (a flipped bit in a page's
// uncompressed size asks for gigabytes), and wasm memory never shrinks once grown, so every size
// the decoder will act on is bounded here by the file and by the tab's budget.
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

/** Walks one column chunk's page headers; each must lie inside the chunk and stay in its sizes. */
function checkPages(bytes: Uint8Array, meta: ColumnMetaData, name: string, end: number): void {
  const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
  const stop = start + Number(meta.total_compressed_size);
  const maxDecoded = Number(meta.total_uncompressed_size);
  if (!(start >= 4 && stop <= end && stop >= start)) {
    fail(`the Parquet file is truncated or corrupt: column "${name}" lies outside the file`);
  }
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

/** Throws a DataError naming the problem, or returns the footer of a sound file. */
export function checkParquetFooter(bytes: Uint8Array): FileMetaData {
  try {
    return checkAll(bytes);
  } catch (err) {
    if (err instanceof DataError) throw err;
    // A field of the wrong thrift type or shape (hyparquet trusts them): the footer is damaged.
    const msg = err instanceof Error ? err.message : String(err);
    return fail(`the Parquet file is corrupt: its footer is damaged (${msg})`);
  }
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
      const name = m!.path_in_schema.join('.');
      decoded += Number(m!.total_uncompressed_size);
      values += Number(m!.num_values);
      checkPages(bytes, m!, name, end);
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
