// One column of a CSV being filled, once its type is known (see csvTypes.ts for the inference).
import type { Column } from '../types';
import { plainList, plainNumber } from './csvBytes';
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
      if (int64) int64[row] = BigInt(text);
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
  return {
    type: 'Utf8',
    set(row, text) {
      let code = index.get(text);
      if (code === undefined) {
        code = dictionary.push(text) - 1;
        index.set(text, code);
      }
      codes[row] = code;
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
    const values = allocateVectors(n, dim).fill(NaN);
    return {
      type: `FixedSizeList[${dim}]<Float32>`,
      set(row, text) {
        const list = T.parseList(text)!;
        for (let k = 0; k < dim; k++) values[row * dim + k] = list[k] ?? NaN;
      },
      fromBytes: (row, bytes, s, e) => plainList(bytes, s, e, values, row * dim, dim) === dim,
      list: { values, dim },
      column: () => ({ kind: 'vector', name, dim, values }),
    };
  }
  return strings(name, n);
}
