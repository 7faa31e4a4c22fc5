import type { Column } from '../../data/types';
import { type Keys, floatKeys, int64Keys, radixSortBy, smallKeys } from './radix';

/**
 * Rank of each dictionary entry in code-unit order (the order `<` gives; the same as the id
 * index, and reproducible outside a browser's collation tables). Equal strings share a rank so
 * ties fall back to row order. Computed once per column by the caller.
 */
export function dictionaryRank(dictionary: string[]): Int32Array {
  const idx = Int32Array.from(dictionary, (_, j) => j);
  idx.sort((a, b) => {
    const x = dictionary[a]!;
    const y = dictionary[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const rank = new Int32Array(dictionary.length);
  let r = 0;
  for (let p = 0; p < idx.length; p++) {
    if (p > 0 && dictionary[idx[p]!] !== dictionary[idx[p - 1]!]) r = p;
    rank[idx[p]!] = r;
  }
  return rank;
}

/** Order-preserving 64-bit keys per row; strings sort by their dictionary rank. */
function sortKeys(col: Column, rank: Int32Array | null): Keys {
  switch (col.kind) {
    case 'numeric':
      return col.int64 ? int64Keys(col.int64, col.values) : floatKeys(col.values);
    case 'timestamp':
      return floatKeys(col.values);
    case 'string': {
      const r = rank ?? dictionaryRank(col.dictionary);
      return smallKeys(col.codes.length, (i) => {
        const c = col.codes[i]!;
        return c < 0 ? -1 : r[c]!;
      });
    }
    case 'boolean':
      return smallKeys(col.values.length, (i) => (col.values[i] === 2 ? -1 : col.values[i]!));
    case 'vector':
    case 'binary':
      throw new Error(`"${col.name}" holds ${col.kind} values and cannot be sorted`);
  }
}

/**
 * Row indices of `rows` (all n rows when null) ordered by the column: nulls (and NaN) last in
 * either direction, ties in row order. int64 columns sort exactly (no float64 rounding).
 */
export function sortedOrder(
  col: Column,
  rows: Int32Array | null,
  n: number,
  desc: boolean,
  rank: Int32Array | null = null,
): Int32Array {
  const { hi, lo, isNull } = sortKeys(col, rank);
  if (desc) {
    // Inverting the keys reverses the order while the stable sort keeps ties in row order.
    for (let i = 0; i < hi.length; i++) {
      hi[i] = ~hi[i]! >>> 0;
      lo[i] = ~lo[i]! >>> 0;
    }
  }
  const m = rows ? rows.length : n;
  const out = new Int32Array(m);
  const nulls: number[] = [];
  let nv = 0;
  for (let p = 0; p < m; p++) {
    const i = rows ? rows[p]! : p;
    if (isNull[i]) nulls.push(i);
    else out[nv++] = i;
  }
  radixSortBy(out.subarray(0, nv), hi, lo);
  out.set(nulls, nv);
  return out;
}

/** Indices of the rows a mask keeps, in row order. */
export function maskedRows(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]!;
  const out = new Int32Array(count);
  let p = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[p++] = i;
  return out;
}
