// One column of a CSV being filled, once its type is known (see csvTypes.ts for the inference).
import type { Column } from '../types';
import { plainList, plainNumber } from './csvBytes';
import { fieldText } from './csvScan';
import * as T from './csvTypes';
import { allocateVectors } from '../vectorMemory';

export interface Filler {
  /** The type as the column list shows it (Arrow's names, as for Arrow and Parquet files). */
  type: string;
  set(row: number, text: string): void;
  /** Sets the value from the field's bytes when they are a plain shape; false: use `set`. */
  fromBytes?(row: number, bytes: Uint8Array, start: number, end: number): boolean;
  /** A list column's values (row-major, `dim` a row): read into directly by `inferAndFill`. */
  list?: { values: Float32Array; dim: number };
  column(): Column;
}

function numeric(name: string, n: number, integral: boolean, big: boolean): Filler {
  const values = new Float64Array(n).fill(NaN);
  const int64 = big ? new BigInt64Array(n) : undefined;
  return {
    type: integral ? 'Int64' : 'Float64',
    set(row, text) {
      values[row] = T.parseNumber(text);
      // (a guessed filler may meet a field of another type; the column is then filled again)
      if (int64) int64[row] = T.INT.test(text) ? BigInt(text) : 0n;
    },
    fromBytes(row, bytes, s, e) {
      if (int64) return false;
      const v = plainNumber(bytes, s, e);
      if (v === undefined) return false;
      values[row] = v;
      return true;
    },
    column: () => ({ kind: 'numeric', name, values, integral, ...(int64 ? { int64 } : {}) }),
  };
}

function strings(name: string, n: number): Filler {
  const codes = new Int32Array(n).fill(-1);
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const intern = (text: string) => {
    let code = index.get(text);
    if (code === undefined) {
      code = dictionary.push(text) - 1;
      index.set(text, code);
    }
    return code;
  };
  // Codes by a hash of the field's bytes, so a repeated category makes no string: an open-
  // addressing table of codes (typed arrays, no Map lookup per field), each code's bytes kept
  // in a pool to compare. A field with a quote, or one short enough to be a null token, takes
  // the string path.
  // (small at first: a file may have thousands of text columns; grown to 2^17 slots at most)
  const MAX_SLOTS = 1 << 17;
  let slots = 1 << 8;
  let table = new Int32Array(slots).fill(-1);
  const hashOf: number[] = [];
  const keyAt: number[] = [];
  const keyLen: number[] = [];
  let pool = new Uint8Array(1 << 12);
  let used = 0;
  let keys = 0;
  return {
    type: 'Utf8',
    set(row, text) {
      codes[row] = intern(text);
    },
    fromBytes(row, bytes, s, e) {
      const len = e - s;
      if (len <= 4 || len > 256) return false;
      let h = len;
      for (let i = s; i < e; i++) {
        const b = bytes[i]!;
        if (b === 0x22) return false;
        h = Math.imul(h ^ b, 16777619);
      }
      h ^= h >>> 15;
      let slot = h & (slots - 1);
      for (;;) {
        const code = table[slot]!;
        if (code < 0) break;
        if (keyLen[code] === len) {
          const k = keyAt[code]!;
          let i = 0;
          while (i < len && pool[k + i] === bytes[s + i]) i++;
          if (i === len) {
            codes[row] = code;
            return true;
          }
        }
        slot = (slot + 1) & (slots - 1);
      }
      // A column of mostly distinct texts (notes, ids) would hold every field twice: stop.
      if (keys >= MAX_SLOTS >> 1) return false;
      const code = intern(fieldText(bytes, s, e, false));
      if (keyLen[code] === undefined) {
        if (used + len > pool.length) {
          const p = new Uint8Array(Math.max(pool.length * 2, used + len));
          p.set(pool);
          pool = p;
        }
        pool.set(bytes.subarray(s, e), used);
        keyAt[code] = used;
        keyLen[code] = len;
        used += len;
      }
      if (hashOf[code] === undefined) hashOf[code] = h;
      table[slot] = code;
      if (++keys > slots >> 1) {
        // Grown: every code again at its hash (a code seen with other bytes is simply dropped).
        slots *= 2;
        table = new Int32Array(slots).fill(-1);
        keys = 0;
        for (let c = 0; c < hashOf.length; c++) {
          if (hashOf[c] === undefined) continue;
          let at = hashOf[c]! & (slots - 1);
          while (table[at]! >= 0) at = (at + 1) & (slots - 1);
          table[at] = c;
          keys++;
        }
      }
      codes[row] = code;
      return true;
    },
    column: () => ({ kind: 'string', name, codes, dictionary }),
  };
}

export function fillerFor(
  name: string,
  types: number,
  nonNull: number,
  dim: number,
  big: boolean,
  n: number,
  /** Vectors in a plain array (a scratch fill, copied into vector memory once cut to size). */
  plain = false,
): Filler {
  if (nonNull === 0) return strings(name, n);
  if (types & T.BOOL) {
    const values = new Uint8Array(n).fill(2);
    return {
      type: 'Bool',
      set: (row, text) => (values[row] = T.parseBool(text)),
      column: () => ({ kind: 'boolean', name, values }),
    };
  }
  if (types & T.INTEGER) return numeric(name, n, true, big);
  if (types & T.FLOAT_) return numeric(name, n, false, false);
  if (types & (T.DATE_ | T.DATETIME_)) {
    const values = new Float64Array(n).fill(NaN);
    const dateOnly = (types & T.DATE_) !== 0;
    return {
      type: dateOnly ? 'Date32<DAY>' : 'Timestamp<MILLISECOND>',
      set: (row, text) => (values[row] = T.parseTime(text)),
      column: () => ({ kind: 'timestamp', name, values, timezone: null, dateOnly }),
    };
  }
  if (types & T.LIST && dim > 0) {
    const values = (plain ? new Float32Array(n * dim) : allocateVectors(n, dim)).fill(NaN);
    return {
      type: `FixedSizeList[${dim}]<Float32>`,
      set(row, text) {
        // (null: a guessed filler met another type, and the column is filled again)
        const list = T.parseList(text);
        for (let k = 0; k < dim; k++) values[row * dim + k] = list?.[k] ?? NaN;
      },
      fromBytes: (row, bytes, s, e) => plainList(bytes, s, e, values, row * dim, dim) === dim,
      list: { values, dim },
      column: () => ({ kind: 'vector', name, dim, values }),
    };
  }
  return strings(name, n);
}
