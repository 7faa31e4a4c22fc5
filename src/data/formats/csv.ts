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

export interface Inferred {
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

export function newInferred(width: number): Inferred {
  return {
    types: new Int32Array(width).fill(T.ALL),
    nonNull: new Int32Array(width),
    dims: new Int32Array(width).fill(-1),
    big: new Uint8Array(width),
    rows: 0,
  };
}

/** Narrows column `col`'s types by one field (bytes [s, e), `q`: it was quoted). */
export function inferField(
  r: Inferred,
  col: number,
  bytes: Uint8Array,
  s: number,
  e: number,
  q: boolean,
): void {
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
}

/** The checks every record passes (a whole read and the first pass of a partial one). */
export function checkRecord(fields: number, width: number, rows: number): void {
  if (fields > width) {
    throw new DataError(
      `row ${rows + 1} of the CSV has ${fields} fields, but its header names ${width} columns`,
    );
  }
  if ((rows + 1) * width > MAX_CELLS) {
    throw new DataError(`the CSV has more than ${MAX_CELLS} cells, more than a tab can hold`);
  }
}

/** Sets one field of a column being filled. */
export function fillField(
  f: Filler,
  row: number,
  bytes: Uint8Array,
  s: number,
  e: number,
  q: boolean,
): void {
  if (f.fromBytes?.(row, bytes, s, e)) return;
  const text = fieldText(bytes, s, e, q);
  if (!(T.NULL_TOKENS.has(text) && !(q && text !== ''))) f.set(row, text);
}

/**
 * `inferField` then `fillField` on one field, with the same outcome, reading a list of plain
 * numbers once instead of twice (the bulk of a file whose probabilities are JSON lists).
 */
export function inferAndFill(
  r: Inferred,
  f: Filler,
  col: number,
  row: number,
  bytes: Uint8Array,
  s: number,
  e: number,
  q: boolean,
): void {
  const l = f.list;
  if (l && r.types[col]! & T.LIST && e > s && bytes[s] === 0x5b) {
    // What fromBytes does; a length the inference takes (n >= 0) is what plainList without
    // `out` gives too (it refuses only values too close to call, and those refuse here).
    const n = plainList(bytes, s, e, l.values, row * l.dim, l.dim);
    if (n >= 0) {
      r.nonNull[col]!++;
      if (r.dims[col] !== -1 && r.dims[col] !== n) r.types[col] = 0;
      else {
        r.dims[col] = n;
        r.types[col] = T.LIST;
      }
      if (n !== l.dim) f.set(row, fieldText(bytes, s, e, q));
      return;
    }
  }
  inferField(r, col, bytes, s, e, q);
  fillField(f, row, bytes, s, e, q);
}

/** A column's filler once its whole inference is in. */
export const fillerOf = (r: Inferred, c: number, name: string, plain = false): Filler =>
  fillerFor(name, r.types[c]!, r.nonNull[c]!, r.dims[c]!, r.big[c] === 1, r.rows, plain);

function infer(
  bytes: Uint8Array,
  from: number,
  delim: number,
  width: number,
  tick: (at: number) => void,
): Inferred {
  const r = newInferred(width);
  scanCsv(
    bytes,
    from,
    delim,
    (col, s, e, q) => {
      if (col < width) inferField(r, col, bytes, s, e, q);
    },
    (fields, next) => {
      checkRecord(fields, width, r.rows);
      r.rows++;
      tick(next);
    },
  );
  return r;
}

export interface CsvHead {
  /** After the BOM. */
  from: number;
  delim: number;
  header: string[];
  /** Where the first record after the header starts. */
  body: number;
}

/** The delimiter and the header row; throws when there is no header. */
export function csvHead(bytes: Uint8Array): CsvHead {
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
  return { from, delim, header, body };
}

/** Reads a CSV/TSV file (UTF-8, BOM or not) into normalized columns. */
export function readCsv(
  bytes: Uint8Array,
  fileName: string,
  onProgress?: (done: number, total: number) => void,
): LoadedTable {
  const { delim, header, body } = csvHead(bytes);
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
  const fillers: Filler[] = names.map((name, c) => fillerOf(inferred, c, name));
  let row = 0;
  lastTick = 0;
  const second = tick(1);
  scanCsv(
    bytes,
    body,
    delim,
    (col, s, e, q) => fillField(fillers[col]!, row, bytes, s, e, q),
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
