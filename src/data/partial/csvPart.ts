// The second half of a CSV's first pass, scanned by a helper while the opening worker scans the
// first (the machine has cores to spare; the pass is most of a CSV open). A CSV cannot be split
// at a record start without reading it from the top (a quoted field may hold line breaks), so
// the split is a guess: the helper starts after the first line feed at or past `base + 1`, and
// the opening worker, scanning from the top, keeps the helper's work only if one of its own
// records starts exactly there. Records from a true record start scan the same whoever scans
// them, so the joined result is the single pass's; anything else (the guess inside a quoted
// field, a bad record, a failed read) is declined and the opening worker scans on alone.
import type { Column } from '../types';
import { type Inferred, fillerOf, newInferred } from '../formats/csv';
import * as T from '../formats/csvTypes';
import { allocateVectors } from '../vectorMemory';
import { type Arriving, readArriving } from '../readArriving';
import { ReadBudget } from '../readSource';
import { Follow, type Pass, Starts, firstPass } from './csvPass';

/** When and where a file is split (tests split small files, anywhere, without a worker). */
export const csvSplit = {
  /**
   * Bytes of records below which one scan does it all (a helper costs a worker's start, tens of
   * ms); the first-columns open starts at 16 MiB too, so every file it opens is split.
   */
  minBytes: 16 * 2 ** 20,
  /** Where the split falls, as a share of the records' bytes. */
  at: 0.5,
  /** The least the opener waits for the helper's part before scanning on alone. */
  patienceMs: 2000,
  /** Run the helper on this thread (tests: Node has no Worker). */
  inProcess: false,
  /** Splits whose halves were joined / declined (tests check both paths run). */
  joined: 0,
  declined: 0,
};

/** What the helper needs to scan as the opening worker does. */
export interface PartSpec {
  delim: number;
  width: number;
  want: Uint8Array;
  d0: number;
  names: string[];
  /** The sample's inference: the fillers' types (the opening worker's guesses). */
  sample: Inferred;
  /** Rows the helper's arrays hold (more rows: it declines). */
  bound: number;
}

export interface PartResult {
  /** Where its first record starts, in the file. */
  from: number;
  rows: number;
  inferred: Inferred;
  /** The first view's columns (spec.want), in the file's order, `bound` rows long. */
  columns: Column[];
  starts: Float64Array;
  marks: Float64Array;
}

export interface PartHandle {
  /** The helper's part, or null when it could not scan it (the opener then scans on). */
  result: Promise<PartResult | null>;
  cancel(): void;
}

/** Starts a helper on the file from byte `base` (a Blob slice from there is its buffer). */
export type Splitter = (base: number, spec: PartSpec) => PartHandle;

const LF = 0x0a;

/** The first record start the helper tries: after the first line feed at or past `base`. */
export const splitStart = (bytes: Uint8Array, base: number): number => bytes.indexOf(LF, base) + 1;

/** Scans the part of a file in `src` (its bytes from `base` on), as the opening worker would. */
export async function scanPart(src: Arriving, base: number, spec: PartSpec): Promise<PartResult> {
  const f = new Follow(src);
  // The first line feed must lie in the bytes read (slices may land out of order past them).
  let first = splitStart(src.bytes, 0);
  while (first === 0 || first > f.ready) {
    if (f.ready === f.n) throw new Error('no line break after the split');
    await src.more();
    f.grown();
    first = splitStart(src.bytes, 0);
  }
  const { sample, names, bound } = spec;
  const guess = spec.names.map((_, c) =>
    spec.want[c] ? fillerOf({ ...sample, rows: bound }, c, names[c]!, true) : null!,
  );
  const p: Pass = {
    ...spec,
    inferred: newInferred(spec.width),
    guess,
    starts: new Starts(),
    marks: new Starts(),
    rows: 0,
    base,
  };
  await firstPass(f, p, first);
  if (p.rows > bound) throw new Error('more rows than the arrays hold');
  p.inferred.rows = p.rows;
  return {
    from: base + first,
    rows: p.rows,
    inferred: p.inferred,
    columns: guess.filter((g) => g).map((g) => g.column()),
    starts: p.starts.done(),
    marks: p.marks.done(),
  };
}

/** The helper on this thread (tests), reading the file itself as a worker would. */
export function localSplitter(file: Blob & { name: string }): Splitter {
  return (base, spec) => {
    const src = readArriving(
      Object.assign(file.slice(base), { name: file.name }),
      () => {},
      new ReadBudget(), // (the opener has charged the file to its budget)
    );
    const result = scanPart(src, base, spec).catch(() => null);
    return { result, cancel: () => {} };
  };
}

/** The inference over both parts, as one pass over them in order would leave it. */
export function joinInferred(a: Inferred, b: Inferred): Inferred {
  const r = newInferred(a.types.length);
  r.rows = a.rows + b.rows;
  for (let c = 0; c < a.types.length; c++) {
    // Types only narrow, field by field: the pass over both keeps what each part kept. A list
    // column stays one if both parts saw lists of one length (or none).
    let t = a.types[c]! & b.types[c]!;
    const da = a.dims[c]!;
    const db = b.dims[c]!;
    if (t & T.LIST && da !== -1 && db !== -1 && da !== db) t = 0;
    r.types[c] = t;
    r.dims[c] = da !== -1 ? da : db;
    r.nonNull[c] = a.nonNull[c]! + b.nonNull[c]!;
    // (`big` matters only while the type is an integer, and then both parts saw every field so)
    r.big[c] = a.big[c]! | b.big[c]!;
  }
  return r;
}

const joined = <
  A extends Float64Array | Float32Array | Uint8Array | BigInt64Array | BigUint64Array,
>(
  a: A,
  aLen: number,
  b: A,
  bLen: number,
  make: (n: number) => A,
): A => {
  const out = make(aLen + bLen);
  out.set(a.subarray(0, aLen) as never);
  out.set(b.subarray(0, bLen) as never, aLen);
  return out;
};

/** Column `a`'s first `aRows` rows then `b`'s first `bRows` (both filled by the same filler). */
export function joinColumns(a: Column, aRows: number, b: Column, bRows: number): Column {
  const n = aRows + bRows;
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const values = joined(a.values, aRows, b.values, bRows, (k) =>
      a.values instanceof Float32Array ? new Float32Array(k) : new Float64Array(k),
    );
    const int64 =
      a.int64 && b.int64
        ? joined(a.int64, aRows, b.int64, bRows, (k) =>
            a.int64 instanceof BigInt64Array ? new BigInt64Array(k) : new BigUint64Array(k),
          )
        : undefined;
    return { ...a, values, ...(int64 ? { int64 } : {}) };
  }
  if (
    (a.kind === 'boolean' && b.kind === 'boolean') ||
    (a.kind === 'timestamp' && b.kind === 'timestamp')
  )
    return {
      ...a,
      values: joined(a.values, aRows, b.values, bRows, (k) =>
        a.kind === 'boolean' ? new Uint8Array(k) : new Float64Array(k),
      ),
    } as Column;
  if (a.kind === 'vector' && b.kind === 'vector') {
    const values = allocateVectors(n, a.dim);
    values.set(a.values.subarray(0, aRows * a.dim));
    values.set(b.values.subarray(0, bRows * b.dim), aRows * a.dim);
    return { ...a, values };
  }
  if (a.kind === 'string' && b.kind === 'string') {
    // Codes are given in order of first appearance: b's new texts follow a's, as in one pass.
    const dictionary = a.dictionary.slice();
    const index = new Map(dictionary.map((t, k) => [t, k]));
    const map = new Int32Array(b.dictionary.length);
    b.dictionary.forEach((t, k) => {
      let code = index.get(t);
      if (code === undefined) {
        code = dictionary.push(t) - 1;
        index.set(t, code);
      }
      map[k] = code;
    });
    const codes = new Int32Array(n);
    codes.set(a.codes.subarray(0, aRows));
    for (let r = 0; r < bRows; r++) {
      const k = b.codes[r]!;
      codes[aRows + r] = k < 0 ? k : map[k]!;
    }
    return { ...a, dictionary, codes };
  }
  throw new Error(`cannot join a ${a.kind} column with a ${b.kind} one`);
}

/** Offsets of both parts, in order. */
export function joinOffsets(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
