// Table builders for the corpus (apache-arrow 21.2's own writer).
import {
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Int8,
  RecordBatch,
  Schema,
  Table,
  Utf8,
  makeVector,
  vectorFromArray,
} from 'apache-arrow';

/** mulberry32: a seeded PRNG, so the corpus is byte-identical on every run. */
export function mulberry32(seed) {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const range = (n) => Array.from({ length: n }, (_, i) => i);

/** A table from { name: Vector }, with schema metadata (e.g. workbench.roles). */
export function table(columns, metadata = {}) {
  const t = new Table(columns);
  const schema = new Schema(t.schema.fields, new Map(Object.entries(metadata)));
  return new Table(
    schema,
    t.batches.map((b) => new RecordBatch(schema, b.data)),
  );
}

export const roles = (r) => ({
  'workbench.roles': JSON.stringify({
    id: 'id',
    embeddings: [],
    coords: null,
    ignored: [],
    positiveClass: null,
    ...r,
  }),
});

export const int64 = (xs) => makeVector(BigInt64Array.from(xs, BigInt));
export const int32 = (xs) => makeVector(Int32Array.from(xs));
export const float64 = (xs) => makeVector(Float64Array.from(xs));
export const floats32 = (rows, dim) =>
  vectorFromArray(rows, new FixedSizeList(dim, new Field('item', new Float32(), true)));
export const dict8 = (xs) => vectorFromArray(xs, new Dictionary(new Utf8(), new Int8()));
export const utf8 = (xs) => vectorFromArray(xs, new Utf8());

/** The small multiclass table most damaged files start from: 40 rows, 3 classes. */
export function baseColumns(n = 40) {
  const label = range(n).map((i) => i % 3);
  const pred = range(n).map((i) => (i % 4 === 0 ? (label[i] + 1) % 3 : label[i]));
  return {
    columns: {
      id: int64(range(n).map((i) => 1000 + i)),
      label: int32(label),
      pred_v1: int32(pred),
      probs_v1: floats32(
        pred.map((p) => [0, 1, 2].map((c) => (c === p ? 0.8 : 0.1))),
        3,
      ),
      country: dict8(range(n).map((i) => ['fr', 'de', 'us'][(i * 7) % 3])),
      name: utf8(range(n).map((i) => `row ${i}`)),
      age: vectorFromArray(range(n).map((i) => (i % 7 === 3 ? null : 20 + i))),
    },
    label,
    pred,
  };
}
