// CSV/TSV → typed-array columns in two passes over the bytes: the first infers each column's type
// (and counts rows, so the second allocates once), the second fills the columns. Both report
// progress; nothing but the columns themselves is kept per row.
import { uniqueNames } from '../fromArrow';
import { DataError } from '../readIpc';
import type { Column, LoadedTable } from '../types';
import { plainList, plainNumber, isPlainInteger } from './csvBytes';
import { fieldText, scanCsv } from './csvScan';
import * as T from './csvTypes';
import { type Filler, fillerFor } from './csvFill';

/** Cells one file may have: typed arrays take ≥ 4 bytes a cell, and a tab's memory is finite. */
export const MAX_CELLS = 2 ** 28;
const PROGRESS_EVERY = 8 * 2 ** 20;

function delimiterOf(bytes: Uint8Array, from: number): number {
  const counts = new Map<number, number>([
    [0x2c, 0],
    [0x09, 0],
    [0x3b, 0],
  ]);
  let quoted = false;
  for (let i = from; i < bytes.length && i < from + 65536; i++) {
    const b = bytes[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (!quoted && (b === 0x0a || b === 0x0d)) break;
    else if (!quoted && counts.has(b)) counts.set(b, counts.get(b)! + 1);
  }
  let best = 0x2c;
  for (const [b, c] of counts) if (c > counts.get(best)!) best = b;
  return best;
}

interface Inferred {
  types: Int32Array;
  nonNull: Int32Array;
  dims: Int32Array; // list length, -1 unseen, -2 lengths differ
  big: Uint8Array; // an integer beyond 2^53: keep int64 exact
  rows: number;
}

const NUMERIC = T.INTEGER | T.FLOAT_;

/**
 * The common fields, typed from their bytes without a string: a column already known to be
 * text (only its nulls count), a plain number in a numeric column, a list of plain numbers in a
 * list column. Returns false for anything else, which then takes the string path below.
 */
function inferFromBytes(r: Inferred, col: number, bytes: Uint8Array, s: number, e: number) {
  const types = r.types[col]!;
  // Null tokens are at most 4 characters, and a quoted field is never one unless empty.
  if (types === 0) return e - s > 4 && (r.nonNull[col]!++, true);
  if (e === s) return false;
  if (types & T.LIST && bytes[s] === 0x5b) {
    // A bracketed text is a list or nothing (string): the same outcome as typesOf + parseList.
    const n = plainList(bytes, s, e);
    if (n < 0) return false;
    r.nonNull[col]!++;
    if (r.dims[col] !== -1 && r.dims[col] !== n) r.types[col] = 0;
    else {
      r.dims[col] = n;
      r.types[col] = T.LIST;
    }
    return true;
  }
  if ((types & ~NUMERIC) === 0 && plainNumber(bytes, s, e) !== undefined) {
    r.nonNull[col]!++;
    // plainNumber refuses integers of 2^53 and more, so this one is safe (no int64 needed).
    r.types[col] = types & (isPlainInteger(bytes, s, e) ? NUMERIC : T.FLOAT_);
    return true;
  }
  return false;
}

function infer(
  bytes: Uint8Array,
  from: number,
  delim: number,
  width: number,
  tick: (at: number) => void,
): Inferred {
  const r: Inferred = {
    types: new Int32Array(width).fill(T.ALL),
    nonNull: new Int32Array(width),
    dims: new Int32Array(width).fill(-1),
    big: new Uint8Array(width),
    rows: 0,
  };
  scanCsv(
    bytes,
    from,
    delim,
    (col, s, e, q) => {
      if (col >= width) return;
      if (inferFromBytes(r, col, bytes, s, e)) return;
      const text = fieldText(bytes, s, e, q);
      if (T.NULL_TOKENS.has(text) && !(q && text !== '')) return;
      r.nonNull[col]!++;
      let t = r.types[col]! & T.typesOf(text);
      if (t & T.INTEGER && !Number.isSafeInteger(Number(text))) r.big[col] = 1;
      if (t & T.LIST && r.dims[col] !== -2) {
        const list = T.parseList(text);
        if (!list || (r.dims[col] !== -1 && list.length !== r.dims[col])) t &= ~T.LIST;
        else r.dims[col] = list.length;
      }
      r.types[col] = t;
    },
    (fields, next) => {
      if (fields > width) {
        throw new DataError(
          `row ${r.rows + 1} of the CSV has ${fields} fields, but its header names ${width} columns`,
        );
      }
      r.rows++;
      if (r.rows * width > MAX_CELLS) {
        throw new DataError(`the CSV has more than ${MAX_CELLS} cells, more than a tab can hold`);
      }
      tick(next);
    },
  );
  return r;
}

/** Reads a CSV/TSV file (UTF-8, BOM or not) into normalized columns. */
export function readCsv(
  bytes: Uint8Array,
  fileName: string,
  onProgress?: (done: number, total: number) => void,
): LoadedTable {
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const delim = delimiterOf(bytes, from);
  const header: string[] = [];
  let body = bytes.length;
  scanCsv(
    bytes,
    from,
    delim,
    (_c, s, e, q) => header.push(fieldText(bytes, s, e, q)),
    (_f, next) => {
      body = next;
      return false;
    },
  );
  if (header.length === 0) throw new DataError('the CSV has no header row');
  let lastTick = 0;
  const tick = (half: number) => (at: number) => {
    if (at - lastTick < PROGRESS_EVERY) return;
    lastTick = at;
    onProgress?.((at + half * bytes.length) / 2, bytes.length);
  };
  let inferred: Inferred;
  try {
    inferred = infer(bytes, body, delim, header.length, tick(0));
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(
      `the CSV does not parse: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const names = uniqueNames(header);
  const fillers: Filler[] = names.map((name, c) =>
    fillerFor(
      name,
      inferred.types[c]!,
      inferred.nonNull[c]!,
      inferred.dims[c]!,
      inferred.big[c] === 1,
      inferred.rows,
    ),
  );
  let row = 0;
  lastTick = 0;
  const second = tick(1);
  scanCsv(
    bytes,
    body,
    delim,
    (col, s, e, q) => {
      const f = fillers[col]!;
      if (f.fromBytes?.(row, bytes, s, e)) return;
      const text = fieldText(bytes, s, e, q);
      if (!(T.NULL_TOKENS.has(text) && !(q && text !== ''))) f.set(row, text);
    },
    (_f, next) => {
      row++;
      second(next);
    },
  );
  const columns: Column[] = fillers.map((f) => f.column());
  const arrowTypes: Record<string, string> = {};
  fillers.forEach((f, i) => (arrowTypes[names[i]!] = f.type));
  return {
    fileName,
    numRows: inferred.rows,
    columns,
    arrowTypes,
    skipped: [],
    metadata: {},
    byteLength: bytes.length,
  };
}
