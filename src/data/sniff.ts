// Recognizes bytes that are plainly not Arrow IPC, so the message can say what they are.

export const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
export const CONTINUATION = [0xff, 0xff, 0xff, 0xff];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const ARROW_MAGIC_BYTES = Uint8Array.from(ARROW_MAGIC);
const CONTINUATION_BYTES = Uint8Array.from(CONTINUATION);

export function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** The first KiB as text when it is valid UTF-8 with (almost) no control characters. */
function asText(bytes: Uint8Array): string | null {
  let head = bytes.subarray(0, 1024);
  if (startsWith(head, UTF8_BOM)) head = head.subarray(3);
  let text: string;
  try {
    // stream: a character cut at the 1 KiB boundary is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) control++;
  }
  return control <= text.length * 0.03 ? text : null;
}

const MAGICS: [number[], string][] = [
  [
    [0x50, 0x41, 0x52, 0x31],
    'this is a Parquet file, not Arrow IPC: write it with to_feather / write_ipc instead',
  ],
  [
    [0x46, 0x45, 0x41, 0x31],
    'this is a Feather version 1 file (the format before 2017), which this reader does not support: re-save it with a current pandas or pyarrow (to_feather writes Arrow IPC)',
  ],
  [[0x1f, 0x8b], 'this is a gzip file, not Arrow IPC: unzip it first'],
  [[0x50, 0x4b, 0x03, 0x04], 'this is a zip archive, not Arrow IPC'],
];

/** What a text file looks like from its first line; null when the bytes are not text. */
export function textKind(bytes: Uint8Array): 'html' | 'json' | 'csv' | 'text' | null {
  const text = asText(bytes);
  if (text === null) return null;
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  if (/^\s*<(!doctype|html|\?xml|svg)/i.test(firstLine)) return 'html';
  if (/^\s*[[{]/.test(firstLine)) return 'json';
  if (/[,\t;]/.test(firstLine)) return 'csv';
  return 'text';
}

/** Says what the bytes are when they are plainly not Arrow IPC; null lets the reader try. */
export function sniff(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.length < ARROW_MAGIC.length && startsWith(ARROW_MAGIC_BYTES, [...bytes])) {
    return `the file is truncated: it stops after ${bytes.length} of the 6 bytes of the Arrow magic`;
  }
  if (bytes.length < 8 && startsWith(CONTINUATION_BYTES, [...bytes.subarray(0, 4)])) {
    return `the file is truncated: it stops after ${bytes.length} bytes, inside the first message`;
  }
  if (startsWith(bytes, ARROW_MAGIC) || startsWith(bytes, CONTINUATION)) return null;
  for (const [magic, why] of MAGICS) if (startsWith(bytes, magic)) return why;
  const kind = textKind(bytes);
  if (kind === 'html') {
    return 'this is an HTML/XML page, not Arrow IPC (if it came from a URL, check the address)';
  }
  if (kind === 'json') return 'this looks like JSON text, not Arrow IPC';
  if (kind === 'csv') {
    return 'this looks like CSV text, not Arrow IPC: convert it (e.g. pandas.read_csv(...).to_feather(...))';
  }
  if (kind === 'text') return 'this is a text file, not Arrow IPC';
  // Legacy streams (before Arrow 0.15) start with a bare int32 length: let the checks decide.
  return null;
}
