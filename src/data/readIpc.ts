import { tableFromIPC, type Table } from 'apache-arrow';
import { registerCodecs } from './codecs/register';

/** An error whose message is written for the user; the loader adds the file name. */
export class DataError extends Error {}

const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2) printable++;
  }
  return n > 0 && printable / n > 0.97;
}

/** Says what the bytes are when they are plainly not Arrow IPC. */
function sniff(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty';
  if (startsWith(bytes, ARROW_MAGIC)) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return null;
  if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) {
    return 'this is a Parquet file, not Arrow IPC: write it with to_feather / write_ipc instead';
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b)
    return 'this is a gzip file, not Arrow IPC: unzip it first';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'this is a zip archive, not Arrow IPC';
  if (looksLikeText(bytes)) {
    const firstLine = new TextDecoder().decode(bytes.subarray(0, 200)).split(/\r?\n/)[0] ?? '';
    if (firstLine.includes(',') || firstLine.includes('\t')) {
      return 'this looks like CSV text, not Arrow IPC: convert it (e.g. pandas.read_csv(...).to_feather(...))';
    }
    if (/^\s*<(!doctype|html|\?xml|svg)/i.test(firstLine)) {
      return 'this is an HTML/XML page, not Arrow IPC (if it came from a URL, check the address)';
    }
    if (/^\s*[[{]/.test(firstLine)) return 'this looks like JSON text, not Arrow IPC';
    return 'this is a text file, not Arrow IPC';
  }
  // Legacy streams (pre-0.15) start with a bare int32 length; let arrow try.
  return null;
}

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
  if (/Unrecognized type/i.test(msg)) {
    for (const [re, hint] of TYPE_HINTS) if (re.test(msg)) return `the file has ${hint}`;
    return `the file uses an Arrow type this reader does not support (${msg})`;
  }
  if (/codec not found/i.test(msg))
    return `the file uses a compression codec that is not supported (${msg})`;
  if (
    /Expected .*Schema|Invalid|out of bounds|offset|RangeError|length/i.test(msg) ||
    err instanceof RangeError
  ) {
    return `the file is truncated or corrupt (${msg})`;
  }
  return `the file could not be read as Arrow IPC (${msg})`;
}

/** Parses Arrow IPC (file or stream, compressed or not) and rejects anything else clearly. */
export function readIpc(bytes: Uint8Array): Table {
  const why = sniff(bytes);
  if (why) throw new DataError(why);
  registerCodecs();
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
