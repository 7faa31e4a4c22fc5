import type { Column } from './types';

function strictlyIncreasing(f: ArrayLike<number>): boolean {
  for (let i = 1; i < f.length; i++) if (!(f[i]! > f[i - 1]!)) return false;
  return true;
}

/**
 * How many non-null rows repeat an earlier row's id, and how many ids are null, without building
 * a string map: strings are already interned (distinct codes), numbers are sorted as a typed array.
 */
export function countDuplicateIds(col: Column): { duplicates: number; nulls: number } {
  if (col.kind === 'string') {
    const seen = new Uint8Array(col.dictionary.length);
    let distinct = 0;
    let nulls = 0;
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i]!;
      if (c < 0) nulls++;
      else if (!seen[c]) {
        seen[c] = 1;
        distinct++;
      }
    }
    return { duplicates: col.codes.length - nulls - distinct, nulls };
  }
  if (col.kind !== 'numeric') return { duplicates: 0, nulls: 0 };
  const f = col.values;
  let nulls = 0;
  for (let i = 0; i < f.length; i++) if (f[i] !== f[i]) nulls++;
  // Ids are usually written in increasing order: then there is nothing to sort. Rounding to a
  // double never reverses an order, so strictly increasing doubles mean strictly increasing ids.
  if (nulls === 0 && strictlyIncreasing(f)) return { duplicates: 0, nulls: 0 };
  const m = f.length - nulls;
  const sorted = col.int64
    ? col.int64 instanceof BigInt64Array
      ? new BigInt64Array(m)
      : new BigUint64Array(m)
    : new Float64Array(m);
  for (let i = 0, j = 0; i < f.length; i++)
    if (f[i] === f[i]) sorted[j++] = (col.int64 ? col.int64[i]! : f[i]!) as never;
  sorted.sort();
  let duplicates = 0;
  for (let i = 1; i < m; i++) if (sorted[i] === sorted[i - 1]) duplicates++;
  return { duplicates, nulls };
}
