// A byte-level CSV/TSV tokenizer. Quotes, delimiters and line breaks are ASCII, so the UTF-8
// bytes are scanned directly and only the fields that need it are decoded; the file is never
// turned into one string (V8 caps strings near 512M characters, and a 600 MB CSV is common).

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Called per field: bytes [start, end) (quotes stripped; `quoted` fields may hold ""). */
export type FieldSink = (col: number, start: number, end: number, quoted: boolean) => void;
/** Called at the end of each record with its field count and the byte offset after it. */
export type RecordSink = (fields: number, next: number) => boolean | void;

/** A DataView over the buffer last scanned (one per buffer, not one per call). */
let viewOf: Uint8Array | null = null;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
function wordsOf(bytes: Uint8Array): DataView {
  if (viewOf !== bytes) {
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    viewOf = bytes;
  }
  return view;
}

const ONES = 0x01010101;
const HIGHS = 0x80808080;
/** Whether a 32-bit word has a zero byte (no false answer either way for the word as a whole). */
const zeroByte = (x: number) => ((x - ONES) & ~x & HIGHS) !== 0;
const QUOTES4 = QUOTE * ONES;
const LF4 = LF * ONES;
const CR4 = CR * ONES;

/**
 * The first quote at or after `i` (-1: none). Four bytes a step while no byte of the word is a
 * quote (about twice as fast as indexOf on the short hops between a list's quotes), then bytes.
 */
function nextQuote(bytes: Uint8Array, words: DataView, i: number, n: number): number {
  while (i + 8 <= n) {
    if (zeroByte(words.getUint32(i, true) ^ QUOTES4)) break;
    if (zeroByte(words.getUint32(i + 4, true) ^ QUOTES4)) {
      i += 4;
      break;
    }
    i += 8;
  }
  for (; i < n; i++) if (bytes[i] === QUOTE) return i;
  return -1;
}

/** The end of an unquoted field from `i`: the first delimiter, LF or CR (or n). */
function fieldEnd(bytes: Uint8Array, words: DataView, i: number, n: number, d4: number): number {
  while (i + 4 <= n) {
    const x = words.getUint32(i, true);
    if (zeroByte(x ^ d4) || zeroByte(x ^ LF4) || zeroByte(x ^ CR4)) break;
    i += 4;
  }
  return i;
}

/**
 * The field count of the record `scanRecord` last scanned (0: a blank line, no record), and
 * where its field `markCol` starts (-1: it has fewer fields), for a later pass to start there.
 */
export const scanned = { fields: 0, markCol: -1, markAt: -1 };

/**
 * Scans one record from `i` (or the rest of one, from column `col0`) and returns the offset after it (its field count in
 * `scanned.fields`), or -1 once field `upto` is reported when the caller needs no more of the
 * row. `onField` sees the fields whose `want[col]` is set (every field when `want` is null).
 * Fields are scanned a 32-bit word at a time (a word with no quote, or no delimiter or line
 * break, is passed in one step), then byte by byte. Throws on a quote left open at the end.
 */
export function scanRecord(
  bytes: Uint8Array,
  i: number,
  delim: number,
  onField: FieldSink | null,
  want: Uint8Array | null = null,
  upto = Infinity,
  /** The column the scan starts in (a later pass from a mark); 0 at a record's start. */
  col0 = 0,
): number {
  const n = bytes.length;
  const words = wordsOf(bytes);
  const d4 = delim * ONES;
  let col = col0;
  scanned.markAt = -1;
  for (;;) {
    if (col === scanned.markCol) scanned.markAt = i;
    let start = i;
    let end: number;
    let quoted = false;
    if (bytes[i] === QUOTE) {
      quoted = true;
      start = ++i;
      for (;;) {
        i = nextQuote(bytes, words, i, n);
        if (i < 0) throw new Error('a quoted field is never closed (the file may be truncated)');
        if (bytes[i + 1] === QUOTE) i += 2;
        else break;
      }
      end = i++;
      while (i < n && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) i++;
    } else {
      i = fieldEnd(bytes, words, i, n, d4);
      while (i < n && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) i++;
      end = i;
    }
    const last = i >= n || bytes[i] !== delim;
    // A line with nothing on it is no record.
    if (last && col === 0 && end === start && !quoted) {
      scanned.fields = 0;
      return i < n ? i + (bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1) : n;
    }
    if (onField && (want === null || want[col] === 1)) onField(col, start, end, quoted);
    col++;
    if (last) {
      scanned.fields = col;
      return i < n ? i + (bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1) : n;
    }
    if (col > upto) return -1;
    i++;
  }
}

/**
 * Scans records from `from` to the end. `onRecord` returning false stops the scan (the caller
 * has seen enough). Blank lines are skipped; a quote left open at the end is an error.
 */
export function scanCsv(
  bytes: Uint8Array,
  from: number,
  delim: number,
  onField: FieldSink,
  onRecord: RecordSink,
): void {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    i = scanRecord(bytes, i, delim, onField);
    if (scanned.fields > 0 && onRecord(scanned.fields, i) === false) return;
  }
}

const decoder = new TextDecoder();
const QUOTES = /""/g;

/** The text of a field; short ASCII fields skip the TextDecoder (most numbers and codes). */
export function fieldText(bytes: Uint8Array, start: number, end: number, quoted: boolean): string {
  let text: string;
  if (end - start <= 24) {
    let ascii = true;
    for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) ascii = false;
    text = ascii
      ? String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[])
      : decoder.decode(bytes.subarray(start, end));
  } else text = decoder.decode(bytes.subarray(start, end));
  return quoted && text.includes('"') ? text.replace(QUOTES, '"') : text;
}
