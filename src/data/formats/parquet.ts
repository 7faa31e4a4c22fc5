// Parquet → Arrow, by parquet-wasm (arrow-rs compiled to WebAssembly; chosen by measurement, see
// bench/RESULTS.md "Parquet decoders"). The module and its 4.8 MB wasm load on the first Parquet
// file only, from the app's own origin, so Arrow users never fetch them.
import { type Table, tableFromIPC } from 'apache-arrow';
import { DataError } from '../readIpc';
import { checkParquetFooter } from './parquetFooter';

type ParquetWasm = typeof import('parquet-wasm');
let loading: Promise<ParquetWasm> | null = null;

function loadDecoder(): Promise<ParquetWasm> {
  loading ??= import('parquet-wasm').then(async (m) => {
    // The browser build needs its wasm fetched and instantiated; the Node build (tests) is ready.
    const init = (m as unknown as { default?: unknown }).default;
    if (typeof init === 'function') await (init as () => Promise<unknown>)();
    return m;
  });
  return loading;
}

/** Turns what arrow-rs reports (a JS Error, or a trap from inside the wasm) into a reason. */
export function explainParquetError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (err instanceof WebAssembly.RuntimeError || /unreachable|memory access/i.test(msg)) {
    return `the file is truncated or corrupt (the Parquet reader stopped: ${msg})`;
  }
  if (/memory|allocat|capacity overflow/i.test(msg)) {
    return `the file needs more memory than this tab can give (${msg})`;
  }
  if (/not yet implemented|not supported|unsupported/i.test(msg)) {
    return `the file uses a Parquet feature this reader does not support (${msg})`;
  }
  return `the file is truncated or corrupt (the Parquet reader failed: ${msg})`;
}

const ARROW_SCHEMA_KEY = new TextEncoder().encode('ARROW:schema');

/**
 * A copy of the file whose footer no longer names its embedded Arrow schema (one byte of the key
 * changed, so the thrift structure stays valid): arrow-rs then derives the types from the Parquet
 * schema alone. Needed for polars' categoricals, stored as Dictionary<UInt32, Utf8View>, which
 * arrow-rs 56 refuses ("unsupported data type for byte array dictionary reader").
 */
function withoutArrowSchema(bytes: Uint8Array, footerStart: number): Uint8Array | null {
  const key = ARROW_SCHEMA_KEY;
  for (let i = footerStart; i + key.length <= bytes.length; i++) {
    let k = 0;
    while (k < key.length && bytes[i + k] === key[k]) k++;
    if (k === key.length) {
      const copy = bytes.slice();
      copy[i + key.length - 1] = 0x5f; // "ARROW:schem_"
      return copy;
    }
  }
  return null;
}

function decode(pw: ParquetWasm, bytes: Uint8Array): Uint8Array {
  try {
    return pw.readParquet(bytes, { batchSize: 1 << 20 }).intoIPCStream();
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const footerStart =
      bytes.length -
      8 -
      new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
    const plain = /data type|not supported|unsupported/i.test(msg)
      ? withoutArrowSchema(bytes, footerStart)
      : null;
    if (!plain) throw err;
    return pw.readParquet(plain, { batchSize: 1 << 20 }).intoIPCStream();
  }
}

/**
 * Decodes a whole Parquet file into an arrow-js Table. The footer is checked first (offsets and
 * sizes inside the file and the tab's budget), so a damaged size field cannot ask the decoder for
 * gigabytes. arrow-rs hands the columns back as one Arrow IPC stream, read zero-copy.
 */
export async function readParquet(bytes: Uint8Array): Promise<Table> {
  checkParquetFooter(bytes);
  const pw = await loadDecoder();
  let ipc: Uint8Array;
  try {
    ipc = decode(pw, bytes);
  } catch (err) {
    throw new DataError(explainParquetError(err));
  }
  const table = tableFromIPC(ipc);
  if (table.schema.fields.length === 0) throw new DataError('the Parquet file has no columns');
  return table;
}
