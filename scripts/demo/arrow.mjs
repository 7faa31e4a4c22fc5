import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Int32,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Uint8,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
} from 'apache-arrow';
import { OUT } from './context.mjs';

// ---------------------------------------------------------------------------------------
// Arrow building: explicit types, one record batch, no nulls, uncompressed
// ---------------------------------------------------------------------------------------

export const int32Data = (values) =>
  makeData({
    type: new Int32(),
    length: values.length,
    nullCount: 0,
    data: Int32Array.from(values),
  });
export const float32Data = (values) =>
  makeData({ type: new Float32(), length: values.length, nullCount: 0, data: values });

export function utf8Data(strings) {
  const enc = new TextEncoder();
  const bytes = strings.map((s) => enc.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  for (let i = 0; i < bytes.length; i++) offsets[i + 1] = offsets[i] + bytes[i].length;
  const data = new Uint8Array(offsets[strings.length]);
  for (let i = 0; i < bytes.length; i++) data.set(bytes[i], offsets[i]);
  return makeData({
    type: new Utf8(),
    length: strings.length,
    nullCount: 0,
    valueOffsets: offsets,
    data,
  });
}

/** List<Float32> where every row has `dim` items. */
export function floatListData(flat, dim) {
  const n = flat.length / dim;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = i * dim;
  return makeData({
    type: new List(new Field('item', new Float32(), false)),
    length: n,
    nullCount: 0,
    valueOffsets: offsets,
    child: float32Data(flat),
  });
}

/** FixedSizeList<UInt8>[dim]: raw pixels, `dim` = width × height. */
export function pixelListData(bytes, dim) {
  return makeData({
    type: new FixedSizeList(dim, new Field('item', new Uint8(), false)),
    length: bytes.length / dim,
    nullCount: 0,
    child: makeData({ type: new Uint8(), length: bytes.length, nullCount: 0, data: bytes }),
  });
}

export function fixedSizeListData(flat, dim) {
  return makeData({
    type: new FixedSizeList(dim, new Field('item', new Float32(), false)),
    length: flat.length / dim,
    nullCount: 0,
    child: float32Data(flat),
  });
}

export let nextDictionaryId = 0;
/** Dictionary<Int32, Utf8>: `codes` index into `values`. */
export function dictionaryData(codes, values) {
  return makeData({
    type: new Dictionary(new Utf8(), new Int32(), nextDictionaryId++),
    length: codes.length,
    nullCount: 0,
    data: Int32Array.from(codes),
    dictionary: makeVector(utf8Data(values)),
  });
}

export function timestampMsData(ms) {
  return makeData({
    type: new TimestampMillisecond(),
    length: ms.length,
    nullCount: 0,
    data: BigInt64Array.from(ms, (v) => BigInt(v)),
  });
}

export function writeArrow(fileName, columns, metadata) {
  const length = columns[0][1].length;
  for (const [name, data] of columns) {
    if (data.length !== length) throw new Error(`${fileName}: column ${name} has ${data.length}`);
  }
  const fields = columns.map(([name, data]) => new Field(name, data.type, false));
  const schema = new Schema(fields, new Map(Object.entries(metadata)));
  const struct = makeData({
    type: new Struct(fields),
    length,
    nullCount: 0,
    children: columns.map(([, data]) => data),
  });
  const table = new Table(schema, [new RecordBatch(schema, struct)]);
  const bytes = tableToIPC(table, 'file');
  const path = join(OUT, fileName);
  writeFileSync(path, bytes);
  return path;
}
