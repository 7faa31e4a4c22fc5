// Checks that each column's buffers hold what its declared length says, before anything loops
// over rows. arrow-js slices buffers without bounds checks, so a damaged length reads past the
// data (values come back as undefined, i.e. silently wrong) or makes us allocate for rows that
// do not exist.
import { type Data, type DataType, type Table, Type } from 'apache-arrow';
import { DataError } from './readIpc';

const FIXED_WIDTH = new Set([
  Type.Int,
  Type.Float,
  Type.Decimal,
  Type.Date,
  Type.Time,
  Type.Timestamp,
  Type.Duration,
  Type.Interval,
  Type.FixedSizeBinary,
]);
const OFFSET_TYPES = new Set([
  Type.Utf8,
  Type.LargeUtf8,
  Type.Binary,
  Type.LargeBinary,
  Type.List,
  Type.LargeList,
  Type.Map,
]);
const VIEW_TYPES = new Set([Type.Utf8View, Type.BinaryView]);

class Problem extends Error {}

/** Dictionaries are shared by every batch: check each once. */
const checked = new WeakSet<Data>();

function checkBitmap(data: Data, what: string): void {
  if (data.nullCount > data.length) throw new Problem(`${what} has more nulls than rows`);
  if (data.nullCount <= 0) return;
  const bits = data.nullBitmap ? data.nullBitmap.length * 8 : 0;
  if (bits < data.offset + data.length) {
    throw new Problem(`${what} has ${data.length} rows but a validity bitmap for ${bits}`);
  }
}

function checkOffsets(data: Data, limit: number, what: string): void {
  const offsets = data.valueOffsets as Int32Array | BigInt64Array | undefined;
  const n = data.offset + data.length;
  if (!offsets || offsets.length < n + 1) {
    if (data.length === 0) return;
    throw new Problem(`${what} has ${data.length} rows but ${offsets?.length ?? 0} offsets`);
  }
  let prev = Number(offsets[data.offset]!);
  if (prev < 0) throw new Problem(`${what} has a negative offset`);
  for (let i = data.offset + 1; i <= n; i++) {
    const o = Number(offsets[i]!);
    if (o < prev) throw new Problem(`${what} has offsets that go backwards at row ${i - 1}`);
    prev = o;
  }
  if (prev > limit) throw new Problem(`${what} points ${prev - limit} values past its data`);
}

function checkViews(data: Data, what: string): void {
  const views = data.values as Uint8Array;
  const n = data.offset + data.length;
  if (views.length < n * 16) throw new Problem(`${what} has ${data.length} rows but fewer views`);
  const dv = new DataView(views.buffer, views.byteOffset, views.byteLength);
  const buffers = data.variadicBuffers;
  for (let i = data.offset; i < n; i++) {
    const size = dv.getInt32(i * 16, true);
    if (size <= 12) continue;
    const buf = buffers[dv.getInt32(i * 16 + 8, true)];
    const at = dv.getInt32(i * 16 + 12, true);
    if (!buf || at < 0 || at + size > buf.length) {
      throw new Problem(`${what} at row ${i} points outside its string data`);
    }
  }
}

function checkDictionary(data: Data, what: string, depth: number): void {
  const dict = data.dictionary;
  if (!dict) throw new Problem(`${what} is dictionary-encoded but its dictionary is missing`);
  for (const chunk of dict.data) {
    if (checked.has(chunk)) continue;
    check(chunk, `the dictionary of ${what}`, depth + 1);
    checked.add(chunk);
  }
  const idx = data.values as ArrayLike<number | bigint>;
  const size = dict.length;
  const bitmap = data.nullBitmap;
  const nullable = data.nullCount > 0 && bitmap && bitmap.length > 0;
  for (let i = data.offset; i < data.offset + data.length; i++) {
    if (nullable && ((bitmap[i >> 3]! >> (i & 7)) & 1) === 0) continue;
    const k = Number(idx[i]!);
    if (!(k >= 0 && k < size)) {
      throw new Problem(`${what} at row ${i} refers to entry ${k} of a ${size}-entry dictionary`);
    }
  }
}

/** Throws a Problem naming the first buffer too short for its declared rows. */
function check(data: Data, what: string, depth: number): void {
  if (depth > 64) throw new Problem(`${what} nests too deeply`);
  const type = data.type as DataType;
  const id = type.typeId;
  const n = data.offset + data.length;
  if (data.length < 0 || data.offset < 0) throw new Problem(`${what} has a negative length`);
  if (id === Type.Null) return;
  checkBitmap(data, what);
  if (FIXED_WIDTH.has(id) || id === Type.Dictionary) {
    const values = data.values as ArrayLike<unknown> | undefined;
    const need = n * (id === Type.Dictionary ? 1 : data.stride);
    if ((values?.length ?? 0) < need) {
      throw new Problem(`${what} has ${data.length} rows but room for ${values?.length ?? 0}`);
    }
    if (id === Type.Dictionary) checkDictionary(data, what, depth);
  } else if (id === Type.Bool) {
    const bits = (data.values as Uint8Array | undefined)?.length ?? 0;
    if (bits * 8 < n) throw new Problem(`${what} has ${data.length} rows but ${bits * 8} bits`);
  } else if (OFFSET_TYPES.has(id)) {
    const child = data.children[0];
    const limit = child ? child.length : ((data.values as Uint8Array | undefined)?.length ?? 0);
    checkOffsets(data, limit, what);
    if (child) check(child, `${what}'s values`, depth + 1);
  } else if (VIEW_TYPES.has(id)) {
    checkViews(data, what);
  } else if (id === Type.FixedSizeList) {
    const child = data.children[0];
    const size = (type as unknown as { listSize: number }).listSize;
    if (!child || child.length < n * size) {
      throw new Problem(`${what} has ${data.length} lists of ${size} but fewer values`);
    }
    check(child, `${what}'s values`, depth + 1);
  } else if (id === Type.Struct) {
    for (const c of data.children) {
      if (c.length < n) throw new Problem(`${what} has a field shorter than its rows`);
      check(c, `a field of ${what}`, depth + 1);
    }
  }
}

/** Throws a DataError when any column's buffers (of `only`, when given) cannot hold its rows. */
export function checkTable(table: Table, only?: ReadonlySet<number>): void {
  for (const batch of table.batches) {
    table.schema.fields.forEach((field, i) => {
      if (only && !only.has(i)) return;
      const data = batch.data.children[i];
      const what = `column "${field.name}"`;
      try {
        if (!data && batch.numRows === 0) return;
        if (!data) throw new Problem(`${what} is missing from a record batch`);
        if (data.length !== batch.numRows) {
          throw new Problem(`${what} has ${data.length} rows in a batch of ${batch.numRows}`);
        }
        check(data, what, 0);
      } catch (err) {
        if (err instanceof Problem) throw new DataError(`the file is corrupt: ${err.message}`);
        throw err;
      }
    });
  }
}
