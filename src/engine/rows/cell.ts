import type { Column } from '../../data/types';

/**
 * One value of the rows table or the row detail, typed so the main thread formats it (exact
 * int64 strings, timestamps in the user's zone, probabilities as %); never a whole row object.
 */
export type Cell =
  | { t: 'num'; v: number }
  | { t: 'int64'; v: string }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'time'; v: number; dateOnly: boolean }
  | { t: 'vec'; dim: number; head: number[]; norm: number }
  /** Binary (an image's bytes, drawn by the instance views): its size only. */
  | { t: 'bytes'; n: number }
  /** A class-probability vector, summarized by its most likely classes. */
  | { t: 'probs'; top: { cls: string; p: number }[] }
  | null;

const HEAD = 3;
/** Characters of a string cell; the row detail shows whole texts through `instanceText`. */
const MAX_CELL_TEXT = 2000;

/** The k largest probabilities of row i (row-major n × classes), most likely first. */
export function topClasses(
  probs: Float32Array,
  i: number,
  classes: string[],
  k: number,
): { cls: string; p: number }[] {
  const dim = classes.length;
  const top: { cls: string; p: number }[] = [];
  for (let j = 0; j < dim; j++) {
    const p = probs[i * dim + j]!;
    if (p !== p) continue;
    if (top.length < k || p > top[top.length - 1]!.p) {
      top.push({ cls: classes[j]!, p });
      top.sort((a, b) => b.p - a.p);
      if (top.length > k) top.pop();
    }
  }
  return top;
}

/**
 * Row i of a column as a cell. `classes` marks a vector column as class probabilities
 * (its dimension equals the class count), shown as its top classes instead of raw numbers.
 */
export function cellOf(col: Column, i: number, classes: string[] | null = null, k = 2): Cell {
  switch (col.kind) {
    case 'numeric': {
      const v = col.values[i]!;
      if (v !== v) return null;
      return col.int64 ? { t: 'int64', v: col.int64[i]!.toString() } : { t: 'num', v };
    }
    case 'string': {
      const c = col.codes[i]!;
      if (c < 0) return null;
      const v = col.dictionary[c]!;
      // A 50 MB text must not cross to the page with every page of rows.
      return { t: 'str', v: v.length > MAX_CELL_TEXT ? `${v.slice(0, MAX_CELL_TEXT)}…` : v };
    }
    case 'boolean': {
      const v = col.values[i]!;
      return v === 2 ? null : { t: 'bool', v: v === 1 };
    }
    case 'timestamp': {
      const v = col.values[i]!;
      return v !== v ? null : { t: 'time', v, dateOnly: col.dateOnly };
    }
    case 'vector': {
      const d = col.dim;
      if (d === 0 || col.values[i * d] !== col.values[i * d]) return null;
      if (classes && classes.length === d)
        return { t: 'probs', top: topClasses(col.values, i, classes, k) };
      let sq = 0;
      for (let j = 0; j < d; j++) sq += col.values[i * d + j]! ** 2;
      const head = Array.from(col.values.subarray(i * d, i * d + Math.min(HEAD, d)));
      return { t: 'vec', dim: d, head, norm: Math.sqrt(sq) };
    }
    case 'binary': {
      const bytes = col.starts[i + 1]! - col.starts[i]!;
      return bytes === 0 ? null : { t: 'bytes', n: bytes };
    }
  }
}
