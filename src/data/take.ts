import type { BinaryColumn, Column } from './types';

/** Gathers rows by index (-1 = a missing row, which becomes null). */
export function takeColumn(col: Column, idx: Int32Array, name = col.name): Column {
  const n = idx.length;
  switch (col.kind) {
    case 'numeric': {
      const values = col.values instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
      const int64 = col.int64
        ? col.int64 instanceof BigInt64Array
          ? new BigInt64Array(n)
          : new BigUint64Array(n)
        : undefined;
      for (let i = 0; i < n; i++) {
        const j = idx[i]!;
        values[i] = j < 0 ? NaN : col.values[j]!;
        if (int64 && col.int64 && j >= 0) int64[i] = col.int64[j]!;
      }
      return { ...col, name, values, ...(int64 ? { int64 } : {}) };
    }
    case 'string': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = idx[i]! < 0 ? -1 : col.codes[idx[i]!]!;
      return { ...col, name, codes };
    }
    case 'boolean': {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = idx[i]! < 0 ? 2 : col.values[idx[i]!]!;
      return { ...col, name, values };
    }
    case 'timestamp': {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = idx[i]! < 0 ? NaN : col.values[idx[i]!]!;
      return { ...col, name, values };
    }
    case 'vector': {
      const d = col.dim;
      const values = new Float32Array(n * d).fill(NaN);
      for (let i = 0; i < n; i++) {
        const j = idx[i]!;
        if (j >= 0) values.set(col.values.subarray(j * d, (j + 1) * d), i * d);
      }
      return { ...col, name, values };
    }
    case 'binary':
      return takeBinary(col, idx, name);
  }
}

function takeBinary(col: BinaryColumn, idx: Int32Array, name: string): BinaryColumn {
  const n = idx.length;
  const starts = new Float64Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = idx[i]!;
    starts[i] = total;
    if (j >= 0) total += col.starts[j + 1]! - col.starts[j]!;
  }
  starts[n] = total;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) {
    const j = idx[i]!;
    if (j >= 0) bytes.set(col.bytes.subarray(col.starts[j]!, col.starts[j + 1]!), starts[i]!);
  }
  return { ...col, name, bytes, starts };
}

/** Row i's value as an exact string key (ids): int64 stays exact, strings as they are. */
export function keyReader(col: Column): (i: number) => string | null {
  switch (col.kind) {
    case 'numeric':
      if (col.int64) {
        const v = col.int64;
        const f = col.values;
        return (i) => (f[i] !== f[i] ? null : v[i]!.toString());
      }
      return (i) => (col.values[i] !== col.values[i] ? null : String(col.values[i]));
    case 'string':
      return (i) => (col.codes[i]! < 0 ? null : col.dictionary[col.codes[i]!]!);
    case 'boolean':
      return (i) => (col.values[i] === 2 ? null : String(col.values[i] === 1));
    case 'timestamp':
      return (i) => (col.values[i] !== col.values[i] ? null : String(col.values[i]));
    case 'vector':
    case 'binary':
      return () => null;
  }
}
