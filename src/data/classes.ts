import type { Column } from './types';

const POSITIVE = ['1', 'true', 'yes', 'y', 'positive', 'pos', '1.0', 't'];

function numericKey(v: number): string {
  return String(v);
}

const SMALL = 1 << 16;

/**
 * Class codes are usually small non-negative integers: a flag table finds them in one pass
 * with no hashing. Null when any value is not such an integer.
 */
function smallIntegerClasses(values: ArrayLike<number>): number[] | null {
  const seen = new Uint8Array(SMALL);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (!(v >= 0 && v < SMALL && (v | 0) === v)) return null;
    seen[v] = 1;
  }
  const out: number[] = [];
  for (let j = 0; j < SMALL; j++) if (seen[j]) out.push(j);
  return out;
}

/** Distinct class names a column holds (strings as they are, numbers printed). */
export function classValuesOf(col: Column): string[] {
  switch (col.kind) {
    case 'string': {
      const used = new Uint8Array(col.dictionary.length);
      for (let i = 0; i < col.codes.length; i++) if (col.codes[i]! >= 0) used[col.codes[i]!] = 1;
      return col.dictionary.filter((_, j) => used[j]);
    }
    case 'numeric': {
      const small = smallIntegerClasses(col.values);
      if (small) return small.map(numericKey);
      const seen = new Set<number>();
      for (let i = 0; i < col.values.length && seen.size < 10_000; i++) {
        const v = col.values[i]!;
        if (v === v) seen.add(v);
      }
      return [...seen].map(numericKey);
    }
    case 'boolean':
      return ['false', 'true'];
    default:
      return [];
  }
}

/** Numbers sort numerically, otherwise alphabetically (scikit-learn's order for string labels). */
export function sortClasses(values: Iterable<string>): string[] {
  const list = [...new Set(values)];
  const allNumeric = list.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  return allNumeric
    ? list.sort((a, b) => Number(a) - Number(b))
    : list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function positiveIndex(classes: string[], chosen: string | null): number {
  if (chosen !== null && classes.includes(chosen)) return classes.indexOf(chosen);
  const hit = classes.findIndex((c) => POSITIVE.includes(c.toLowerCase()));
  return hit >= 0 ? hit : classes.length - 1;
}

/** Class codes per row (-1 = null or unknown class). */
export function encodeClasses(col: Column, index: Map<string, number>): Int32Array {
  const n =
    col.kind === 'string'
      ? col.codes.length
      : col.kind === 'vector' || col.kind === 'binary'
        ? 0
        : col.values.length;
  const out = new Int32Array(n).fill(-1);
  if (col.kind === 'string') {
    const map = Int32Array.from(col.dictionary, (d) => index.get(d) ?? -1);
    for (let i = 0; i < n; i++) out[i] = col.codes[i]! < 0 ? -1 : map[col.codes[i]!]!;
  } else if (col.kind === 'numeric') {
    // Small integer classes (the usual case) through a lookup table, in the same pass as any
    // other value, which goes through a map (once per distinct value).
    const table = new Int32Array(SMALL).fill(-1);
    for (const [name, code] of index) {
      const v = Number(name);
      if (v >= 0 && v < SMALL && (v | 0) === v && numericKey(v) === name) table[v] = code;
    }
    const other = new Map<number, number>();
    const values = col.values;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if ((v | 0) === v && v >>> 0 < SMALL) out[i] = table[v]!;
      else if (v === v) {
        let c = other.get(v);
        if (c === undefined) other.set(v, (c = index.get(numericKey(v)) ?? -1));
        out[i] = c;
      }
    }
  } else if (col.kind === 'boolean') {
    const f = index.get('false') ?? -1;
    const t = index.get('true') ?? -1;
    for (let i = 0; i < n; i++) out[i] = col.values[i] === 2 ? -1 : col.values[i] === 1 ? t : f;
  }
  return out;
}
