import { tableFromIPC, type Table } from 'apache-arrow';
import { patchArrow } from './arrowPatches';
import { registerCodecs } from './codecs/register';
import { IpcError, checkIpc } from './ipcCheck';
import { ARROW_MAGIC, CONTINUATION, sniff, startsWith } from './sniff';

/** An error whose message is written for the user; the loader adds the file name. */
export class DataError extends Error {}

const TYPE_HINTS: [RegExp, string][] = [
  [
    /\(25\)|ListView/i,
    'a ListView column, which the browser Arrow reader cannot read: cast it to a List (pyarrow: pa.list_(...); polars writes List by default)',
  ],
  [
    /\(26\)|LargeListView/i,
    'a LargeListView column, which the browser Arrow reader cannot read: cast it to a List',
  ],
  [
    /\(22\)|RunEndEncoded/i,
    'a run-end encoded column, which the browser Arrow reader cannot read: decode it first (pyarrow: pc.run_end_decode, or cast to the value type)',
  ],
];

/** Turns arrow-js's internal errors into reasons a user can act on. */
export function explainArrowError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/Unrecognized (?!Message)\w+ type/.test(msg)) {
    return `the file is truncated or corrupt (its schema declares a type that does not exist: ${msg})`;
  }
  if (/Unrecognized type/i.test(msg)) {
    for (const [re, hint] of TYPE_HINTS) if (re.test(msg)) return `the file has ${hint}`;
    if (/"undefined"/.test(msg)) {
      return `the file is truncated or corrupt, or from a newer Arrow (it declares an unknown type: ${msg})`;
    }
    return `the file uses an Arrow type this reader does not support (${msg})`;
  }
  if (/LZ4|zstd/i.test(msg)) {
    return `the file is truncated or corrupt (a compressed buffer does not decode: ${msg})`;
  }
  if (/codec not found/i.test(msg))
    return `the file uses a compression codec that is not supported (${msg})`;
  if (/allocation failed|Invalid typed array length|Array buffer allocation/i.test(msg)) {
    return `the file needs more memory than this tab can give (${msg})`;
  }
  // TypeErrors and RangeErrors from inside arrow-js mean it walked off damaged data.
  if (
    err instanceof TypeError ||
    err instanceof RangeError ||
    /Expected|Invalid|out of bounds|offset|length|not safe|missing|LZ4|zstd/i.test(msg)
  ) {
    return `the file is truncated or corrupt (the Arrow reader failed: ${msg})`;
  }
  return `the file could not be read as Arrow IPC (${msg})`;
}

/** Parses Arrow IPC (file or stream, compressed or not) and rejects anything else clearly. */
export function readIpc(bytes: Uint8Array): Table {
  const why = sniff(bytes);
  if (why) throw new DataError(why);
  try {
    checkIpc(bytes);
  } catch (err) {
    if (!(err instanceof IpcError)) throw err;
    if (!startsWith(bytes, ARROW_MAGIC) && !startsWith(bytes, CONTINUATION)) {
      throw new DataError(
        'this is not Arrow IPC: it starts with neither the Arrow file magic ("ARROW1") nor a stream message',
      );
    }
    throw new DataError(err.message);
  }
  registerCodecs();
  patchArrow();
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new DataError(explainArrowError(err));
  }
  if (table.schema.fields.length === 0) {
    throw new DataError('the file has no columns (it is not an Arrow IPC file, or it is empty)');
  }
  return table;
}
