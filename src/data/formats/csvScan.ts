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
    let col = 0;
    for (;;) {
      let start = i;
      let end: number;
      let quoted = false;
      if (bytes[i] === QUOTE) {
        quoted = true;
        start = ++i;
        for (;;) {
          while (i < n && bytes[i] !== QUOTE) i++;
          if (i >= n) throw new Error('a quoted field is never closed (the file may be truncated)');
          if (bytes[i + 1] === QUOTE) i += 2;
          else break;
        }
        end = i++;
        while (i < n && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) i++;
      } else {
        while (i < n && bytes[i] !== delim && bytes[i] !== LF && bytes[i] !== CR) i++;
        end = i;
      }
      const last = i >= n || bytes[i] !== delim;
      // A line with nothing on it is no record.
      if (!(last && col === 0 && end === start && !quoted)) onField(col, start, end, quoted);
      else if (i < n) {
        i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
        break;
      } else return;
      col++;
      if (last) {
        if (i < n) i += bytes[i] === CR && bytes[i + 1] === LF ? 2 : 1;
        if (onRecord(col, i) === false) return;
        break;
      }
      i++;
    }
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
