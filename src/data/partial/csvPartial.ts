// A CSV file opened like a Parquet file (parquetPartial.ts): the first view's columns (id, label,
// each version's outputs) are parsed before the dataset opens, the rest (features, embeddings
// written as JSON lists) in the background through DeferredColumns. A CSV cannot skip columns
// by offset, so one scan finds every record's start (quoted fields skipped with indexOf, which
// is most of a file whose lists are quoted) while it infers the first view's columns; later
// passes start from those offsets and stop after the last column they need. Every column's
// type is inferred over all rows, as a whole read does (csv.ts), so its values are the same;
// only the placeholders shown while a column is read come from a sample of the first rows.
import {
  DataType,
  DateDay,
  Field,
  Float32,
  Float64,
  FixedSizeList,
  Int64,
  Bool,
  TimestampMillisecond,
  Utf8,
} from 'apache-arrow';
import { uniqueNames } from '../fromArrow';
import { DataError } from '../readIpc';
import {
  type Inferred,
  MAX_CELLS,
  checkRecord,
  csvHead,
  fillField,
  fillerOf,
  inferAndFill,
  inferField,
  newInferred,
} from '../formats/csv';
import type { Filler } from '../formats/csvFill';
import { scanRecord, scanned } from '../formats/csvScan';
import * as T from '../formats/csvTypes';
import type { Column, ColumnInfo, LoadedTable } from '../types';
import { allocateVectors } from '../vectorMemory';
import { deferredColumns } from './choose';
import { placeholderOf } from './placeholder';
import type { DeferredSource } from './source';
import { type Arriving, arrived, arriving } from '../readArriving';
import { Follow, NotYet, type Pass, Starts, firstPass } from './csvPass';
import {
  type PartHandle,
  type PartResult,
  type PartSpec,
  type Splitter,
  csvSplit,
  joinColumns,
  joinInferred,
  joinOffsets,
  splitStart,
} from './csvPart';

export interface PartialCsv {
  /** The first view's columns, parsed (the others are absent). */
  table: LoadedTable;
  /** Every column name, in the file's order (as a whole read names them). */
  order: string[];
  /** The columns parsed later, and what the summary says of them meanwhile. */
  later: { index: number; name: string }[];
  infos: Map<string, ColumnInfo>;
  source: DeferredSource;
}

/** Rows whose types stand for the file's in the placeholders (a deferred column is re-inferred whole). */
const SAMPLE_ROWS = 2000;
/** A background pass yields to the worker's requests this often (ms). */
const SLICE_MS = 40;

/** The Arrow type a whole read would give, from an inference (the order of csvFill.fillerFor). */
function arrowTypeOf(r: Inferred, c: number): DataType {
  const t = r.types[c]!;
  if (r.nonNull[c] === 0) return new Utf8();
  if (t & T.BOOL) return new Bool();
  if (t & T.INTEGER) return new Int64();
  if (t & T.FLOAT_) return new Float64();
  if (t & T.DATE_) return new DateDay();
  if (t & T.DATETIME_) return new TimestampMillisecond();
  if (t & T.LIST && r.dims[c]! > 0)
    return new FixedSizeList(r.dims[c]!, new Field('item', new Float32(), true));
  return new Utf8();
}

/** Which filler csvFill.fillerFor picks for an inference (same key: same values). */
function fillerKey(r: Inferred, c: number): string {
  const t = r.types[c]!;
  if (r.nonNull[c] === 0) return 'text';
  if (t & T.BOOL) return 'bool';
  if (t & T.INTEGER) return `int ${r.big[c]}`;
  if (t & T.FLOAT_) return 'float';
  if (t & (T.DATE_ | T.DATETIME_)) return `time ${t & T.DATE_}`;
  if (t & T.LIST && r.dims[c]! > 0) return `list ${r.dims[c]}`;
  return 'text';
}

/** A column filled for `bound` rows, cut to `rows`; vectors move into vector memory. */
function fitted(col: Column, rows: number): Column {
  switch (col.kind) {
    case 'vector': {
      const values = allocateVectors(rows, col.dim);
      values.set(col.values.subarray(0, rows * col.dim));
      return { ...col, values };
    }
    case 'string':
      return col.codes.length === rows ? col : { ...col, codes: col.codes.slice(0, rows) };
    case 'numeric':
      return col.values.length === rows
        ? col
        : {
            ...col,
            values: col.values.slice(0, rows),
            ...(col.int64 ? { int64: col.int64.slice(0, rows) } : {}),
          };
    case 'boolean':
      return col.values.length === rows ? col : { ...col, values: col.values.slice(0, rows) };
    case 'timestamp':
      return col.values.length === rows ? col : { ...col, values: col.values.slice(0, rows) };
    default:
      return col;
  }
}

const yieldNow = () => new Promise((r) => setTimeout(r, 0));

/**
 * Parses the first view's columns of a CSV and prepares the rest; null when the file should be
 * read whole (nothing to defer, no header, a bad record: the whole read gives its message).
 * The bytes may still be arriving (readArriving.ts): the scan follows the read, record by
 * record, and only a failed read rejects.
 */
export async function readCsvPartially(
  src: Arriving,
  fileName: string,
  onProgress?: (done: number, total: number) => void,
  /** A helper for the second half of a large file (csvPart.ts); none: one scan. */
  split?: Splitter,
): Promise<PartialCsv | null> {
  try {
    return await partially(src, fileName, onProgress, split);
  } catch (err) {
    // A bad record within the bytes read (records are checked only once they lie there) gives
    // the same null again: not worth reading the rest (a paused read) and scanning again.
    if (src.ready === src.bytes.length || err instanceof DataError) return null;
    // Not read yet: a read error (rethrown by `done`), or a record that crossed the end of the
    // bytes read so far, or a bad record (parsed again whole, it gives null again).
    void err;
    const bytes = await src.done;
    arriving.again++;
    try {
      return await partially(arrived(bytes), fileName, onProgress, split);
    } catch {
      return null;
    }
  }
}

async function partially(
  src: Arriving,
  fileName: string,
  onProgress?: (done: number, total: number) => void,
  split?: Splitter,
): Promise<PartialCsv | null> {
  const bytes = src.bytes;
  const n = bytes.length;
  // How far records may be scanned: the bytes read, less the guard (all of them once read).
  const f = new Follow(src);
  while (f.ready < n && f.ready < 2 * arriving.guard) {
    await src.more();
    f.grown();
  }
  const { delim, header, body } = csvHead(bytes);
  if (body >= f.ready && f.ready < n) throw new NotYet();
  src.quiet();
  const width = header.length;
  // The sample: types for the placeholders and the choice, bytes per column for the progress.
  const sample = newInferred(width);
  const sampleBytes = new Float64Array(width);
  let i = body;
  // (the sample also sizes the first pass's arrays: rows of its average length, and a tenth more)
  while (i < n && sample.rows < SAMPLE_ROWS) {
    if (i >= f.limit) await f.wait(i);
    i = scanRecord(bytes, i, delim, (col, s, e, q) => {
      if (col >= width) return;
      sampleBytes[col]! += e - s + (q ? 3 : 1);
      inferField(sample, col, bytes, s, e, q);
    });
    f.check(i);
    if (scanned.fields === 0) continue;
    checkRecord(scanned.fields, width, sample.rows);
    sample.rows++;
  }
  const types = header.map((_, c) => arrowTypeOf(sample, c));
  const fields = header.map((h, c) => new Field(h, types[c]!, true));
  const later = deferredColumns(fields, new Map());
  if (later.length === 0) return null;
  const deferred = new Uint8Array(width);
  for (const c of later) deferred[c] = 1;
  const want = deferred.map((d) => 1 - d);

  // One pass over every record: its start, its checks, and the first view's columns, inferred
  // and filled at once. The filling assumes the sample's types; a column whose whole inference
  // gives another filler is filled again (the values then are the whole read's either way).
  const names = uniqueNames(header);
  const eager = header.map((_, c) => c).filter((c) => !deferred[c]);
  const rowsIn = (bytesOf: number) =>
    i >= n ? sample.rows : Math.ceil((bytesOf / (i - body)) * sample.rows * 1.1) + 16;
  const bound = rowsIn(n - body);
  if (eager.length === 0 || bound * eager.length > MAX_CELLS) return null;
  const guess: Filler[] = [];
  for (const c of eager) guess[c] = fillerOf({ ...sample, rows: bound }, c, names[c]!, true);
  // Where each record's first deferred field starts: the background passes begin there.
  const d0 = later[0]!;
  const pass: Pass = {
    delim,
    width,
    want,
    d0,
    inferred: newInferred(width),
    guess,
    starts: new Starts(),
    marks: new Starts(),
    rows: 0,
    base: 0,
  };
  // A large file's second half goes to a helper (csvPart.ts), its bytes read by the helper.
  const mid =
    split && n - body >= csvSplit.minBytes
      ? body + 1 + Math.floor((n - body - 1) * csvSplit.at)
      : n;
  const spec: PartSpec = { delim, width, want, d0, names, sample, bound: rowsIn(n - mid) };
  let helper: PartHandle | null = mid < n ? split!(mid - 1, spec) : null;
  // The helper reads the second half: this thread reads only what its own scan needs (its last
  // record may cross the middle by up to the guard), and the rest once asked for (a declined
  // helper: the scan goes on; a joined one: the deferred columns' passes).
  if (helper) src.pause?.(mid + 2 * arriving.guard);
  const tick = (at: number) =>
    onProgress?.(helper ? body + ((at - body) * (n - body)) / (mid - body) : at, n);
  let part: PartResult | null = null;
  try {
    const scanStart = performance.now();
    i = await firstPass(f, pass, body, (at) => at >= mid, tick);
    if (helper && i < n) {
      // The helper's records are this pass's only if one of ours starts where its first does.
      const waited = performance.now();
      // A helper far behind (starved of a core, slow to start) is not waited for longer than
      // the opener took for its own half: scanning on alone then costs about as much.
      const patience = Math.max(csvSplit.patienceMs, waited - scanStart);
      if (i === splitStart(bytes, mid - 1)) part = await withinMs(helper.result, patience);
      if (part?.from !== i) part = null;
      helper.cancel();
      helper = null;
      // (for the bench: how long the opener waited for its helper, or that it scanned on alone)
      performance.measure(`wb:open:csv-helper-${part ? 'wait' : 'declined'}`, { start: waited });
      if (part) csvSplit.joined++;
      else {
        csvSplit.declined++;
        i = await firstPass(f, pass, i, undefined, tick);
      }
    }
  } finally {
    helper?.cancel();
  }
  const own = pass.rows;
  const inferred = part ? joinInferred(pass.inferred, part.inferred) : pass.inferred;
  const rows = (inferred.rows = own + (part?.rows ?? 0));
  if (rows * width > MAX_CELLS) return null; // (the whole read gives the message)
  const starts = part ? joinOffsets(pass.starts.done(), part.starts) : pass.starts.done();
  const marks = part ? joinOffsets(pass.marks.done(), part.marks) : pass.marks.done();
  const fillers: Filler[] = [];
  const again: number[] = [];
  for (const c of eager) {
    fillers[c] = guess[c]!;
    // More rows than the arrays hold (rows much shorter than the sample's): fill them again.
    if (own <= bound && fillerKey(inferred, c) === fillerKey(sample, c)) continue;
    fillers[c] = fillerOf(inferred, c, names[c]!);
    again.push(c);
  }
  if (again.length) {
    // (the helper's half must be in this buffer too)
    if (part) await src.done;
    const mask = new Uint8Array(width);
    for (const c of again) mask[c] = 1;
    let row = 0;
    const fill = (col: number, s: number, e: number, q: boolean) =>
      fillField(fillers[col]!, row, bytes, s, e, q);
    const last = again.at(-1)!;
    for (row = 0; row < rows; row++) scanRecord(bytes, starts[row]!, delim, fill, mask, last);
  }
  const theirs = part ? new Map(eager.map((c, k) => [c, part.columns[k]!])) : null;
  const column = (c: number) =>
    again.includes(c)
      ? fillers[c]!.column()
      : theirs
        ? joinColumns(fillers[c]!.column(), own, theirs.get(c)!, part!.rows)
        : fitted(fillers[c]!.column(), rows);

  const arrowTypes: Record<string, string> = {};
  for (const c of eager) arrowTypes[names[c]!] = fillers[c]!.type;
  const table: LoadedTable = {
    fileName,
    numRows: rows,
    columns: eager.map(column),
    arrowTypes,
    skipped: [],
    metadata: {},
    byteLength: n,
  };
  const estimate = later.map((c) =>
    Math.round((sampleBytes[c]! / Math.max(1, sample.rows)) * rows),
  );
  const bytesOf = (c: number) => estimate[later.indexOf(c)] ?? 0;
  const infos = new Map<string, ColumnInfo>(
    later.map((c) => [names[c]!, placeholderOf(types[c]!, names[c]!, 0)]),
  );
  const isVector = (c: number) => types[c] instanceof FixedSizeList;

  // (the record starts are not needed after the first view)
  let held: { bytes: Uint8Array; marks: Float64Array } | null = { bytes, marks };
  // (with a helper's half joined, the buffer's second half is read only when a pass needs it)
  const whole = part ? () => src.done : null;
  /**
   * Parses columns `cols` over every row, as the first pass does: inferred and filled at once
   * with the sample's types, filled again where the whole inference picks another filler.
   */
  async function parse(cols: number[], onRead: (b: number) => void, signal: AbortSignal) {
    if (!held) throw new Error('the file was let go before this column was read');
    const { bytes: b, marks: at } = held;
    if (whole) await whole();
    const total = cols.reduce((s, c) => s + bytesOf(c), 0);
    let reported = 0;
    const r = newInferred(width);
    r.rows = rows;
    let row = 0;
    const pass = async (
      only: number[],
      onField: (col: number, s: number, e: number, q: boolean) => void,
    ) => {
      const mask = new Uint8Array(width);
      for (const c of only) mask[c] = 1;
      const last = Math.max(...only);
      let since = Date.now();
      for (row = 0; row < rows; row++) {
        // A record with fewer fields than the first deferred one has none of them (nulls).
        if (at[row]! >= 0) scanRecord(b, at[row]!, delim, onField, mask, last, d0);
        if ((row & 1023) === 0 && Date.now() - since > SLICE_MS) {
          const now = Math.round((total * row) / rows);
          if (now > reported) onRead(now - reported);
          reported = Math.max(reported, now);
          await yieldNow();
          signal.throwIfAborted();
          since = Date.now();
        }
      }
    };
    const fs: Filler[] = [];
    for (const c of cols) fs[c] = fillerOf({ ...sample, rows }, c, names[c]!);
    await pass(cols, (col, s, e, q) => inferAndFill(r, fs[col]!, col, row, b, s, e, q));
    const again = cols.filter((c) => fillerKey(r, c) !== fillerKey(sample, c));
    for (const c of again) fs[c] = fillerOf(r, c, names[c]!);
    if (again.length) await pass(again, (col, s, e, q) => fillField(fs[col]!, row, b, s, e, q));
    onRead(total - reported);
    return new Map(cols.map((c) => [c, { col: fs[c]!.column(), arrowType: fs[c]!.type }]));
  }

  // The features are parsed together (one pass for all of them), each embedding alone.
  const features = later.filter((c) => !isVector(c));
  let featuresParsed: Promise<Map<number, { col: Column; arrowType: string }>> | null = null;
  const source: DeferredSource = {
    totalBytes: estimate.reduce((s, b) => s + b, 0),
    vector: isVector,
    bytesOf,
    load: () => Promise.resolve(),
    decode: async (c, _name, onRead, signal) => {
      if (isVector(c)) return (await parse([c], onRead, signal)).get(c)!;
      featuresParsed ??= parse(features, onRead, signal);
      return (await featuresParsed).get(c)!;
    },
    release: () => {
      held = null;
    },
  };
  return {
    table,
    order: names,
    later: later.map((c) => ({ index: c, name: names[c]! })),
    infos,
    source,
  };
}

/** The promise's value, or null when it takes longer than `ms`. */
function withinMs<T>(p: Promise<T | null>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
