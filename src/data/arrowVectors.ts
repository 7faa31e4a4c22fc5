import { type Data, type DataType, Type } from 'apache-arrow';
import { nativeNumbers, numberReader } from './arrowNumbers';
import { validityOf } from './validity';
import { allocateVectors } from './vectorMemory';

/** 2^29 float32 values: 2 GiB. */
const MAX_VECTOR_VALUES = 2 ** 29;

export type VectorResult = { dim: number; values: Float32Array } | { error: string };

function isNumericChild(type: DataType): boolean {
  return type.typeId === Type.Float || type.typeId === Type.Int || type.typeId === Type.Decimal;
}

function isBulkCopyable(data: Data): boolean {
  const child = data.children[0];
  const type = (data.type as DataType).typeId;
  return (
    // A List (Parquet writers' lists; DuckDB's arrays) whose rows all have the one length and no
    // null lies back to back in its child like a FixedSizeList, from its first offset.
    (type === Type.FixedSizeList || (type === Type.List && data.offset === 0)) &&
    data.nullCount === 0 &&
    !!child &&
    child.nullCount === 0 &&
    nativeNumbers(child) !== null
  );
}

/** Where a bulk-copyable chunk's values start in its child. */
const firstValue = (data: Data): number =>
  (data.type as DataType).typeId === Type.List ? Number(data.valueOffsets[0]) : 0;

/** List bounds of row i: [start, end) into the child. */
function listBounds(data: Data): (i: number) => [number, number] {
  const type = data.type as DataType;
  if (type.typeId === Type.FixedSizeList) {
    const size = (type as unknown as { listSize: number }).listSize;
    return (i) => [i * size, (i + 1) * size];
  }
  const offsets = data.valueOffsets as Int32Array | BigInt64Array;
  return (i) => [Number(offsets[i]!), Number(offsets[i + 1]!)];
}

/**
 * For a null-free List chunk with 32-bit offsets: the length every row has, or -1 when rows
 * differ (or an offset goes backwards); null for any other chunk (the general check reads it).
 */
function sameLength(data: Data): number | null {
  const offsets = data.valueOffsets as unknown;
  if ((data.type as DataType).typeId !== Type.List || data.nullCount !== 0 || data.length === 0)
    return null;
  if (!(offsets instanceof Int32Array) || offsets.length < data.offset + data.length + 1)
    return null;
  const o = offsets;
  const a = data.offset;
  const b = a + data.length;
  const d = o[a + 1]! - o[a]!;
  if (d < 0) return -1;
  for (let i = a + 1; i < b; i++) if (o[i + 1]! - o[i]! !== d) return -1;
  return d;
}

/**
 * Embeddings and probability vectors: (fixed-size) lists of numbers with one length for every
 * non-null row. Zero-copy for a single null-free float32 FixedSizeList chunk.
 */
export function gatherVectors(chunks: readonly Data[], n: number): VectorResult {
  let dim = -1;
  for (const data of chunks) {
    const child = data.children[0];
    if (!child || !isNumericChild(child.type as DataType)) {
      return { error: 'lists of non-numeric values are not supported' };
    }
    const type = data.type as DataType;
    // Fixed-size lists all have the type's length: no pass over the rows (1M rows: ~100 ms).
    if (type.typeId === Type.FixedSizeList) {
      if (data.nullCount < data.length) dim = (type as unknown as { listSize: number }).listSize;
      continue;
    }
    const same = sameLength(data);
    if (same !== null && same >= 0) {
      // A null-free List of one length (a Parquet writer's probabilities): its offsets alone
      // say so, in one tight pass (the general loop below took ≈100 ms per 1M-row column).
      // Rows that differ are left to that loop, which says which lengths.
      if (dim === -1) dim = same;
      else if (same !== dim) return { error: `lists have different lengths (${dim} and ${same})` };
      continue;
    }
    const bounds = listBounds(data);
    const valid = validityOf(data);
    for (let i = 0; i < data.length; i++) {
      if (!valid(i)) continue;
      const [s, e] = bounds(i);
      if (dim === -1) dim = e - s;
      else if (e - s !== dim)
        return { error: `lists have different lengths (${dim} and ${e - s})` };
    }
  }
  if (dim <= 0) return { error: 'every list is empty or null' };
  // Null rows expand to `dim` NaNs: a few long lists among many nulls could need more memory
  // than one array can have in a tab (Chrome caps an ArrayBuffer near 2 GiB).
  if (n * dim > MAX_VECTOR_VALUES) {
    return { error: `${n} rows × ${dim} values are more than one array in a browser tab holds` };
  }

  const only = chunks.length === 1 ? chunks[0]! : null;
  const onlyChild = only?.children[0];
  if (only && onlyChild && only.nullCount === 0 && onlyChild.values instanceof Float32Array) {
    if ((only.type as DataType).typeId === Type.FixedSizeList && onlyChild.nullCount === 0) {
      return { dim, values: onlyChild.values.subarray(0, n * dim) };
    }
  }
  // Straight into WebAssembly memory where the SIMD neighbour scan can use it in place.
  const values = allocateVectors(n, dim);
  // Only rows a chunk leaves empty need NaN; a null-free fixed-size column skips that pass.
  if (!chunks.every(isBulkCopyable)) values.fill(NaN);
  let row = 0;
  for (const data of chunks) {
    const child = data.children[0]!;
    const native = isBulkCopyable(data) ? nativeNumbers(child) : null;
    if (native) {
      // A whole chunk of embeddings in one native copy instead of a call per value.
      const at = firstValue(data);
      values.set((native as Float32Array).subarray(at, at + data.length * dim), row * dim);
      row += data.length;
      continue;
    }
    const read = numberReader(child)!;
    const childValid = validityOf(child);
    const bounds = listBounds(data);
    const valid = validityOf(data);
    for (let i = 0; i < data.length; i++, row++) {
      if (!valid(i)) continue;
      const [s] = bounds(i);
      for (let j = 0; j < dim; j++) values[row * dim + j] = childValid(s + j) ? read(s + j) : NaN;
    }
  }
  return { dim, values };
}

/** Booleans: 0 false, 1 true, 2 null. */
export function gatherBooleans(chunks: readonly Data[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let row = 0;
  for (const data of chunks) {
    const bits = data.values as Uint8Array;
    const off = data.offset;
    const valid = validityOf(data);
    for (let i = 0; i < data.length; i++, row++) {
      out[row] = valid(i) ? (bits[(off + i) >> 3]! >> ((off + i) & 7)) & 1 : 2;
    }
  }
  return out;
}
