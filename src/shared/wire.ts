// The JSON the DuckDB server and the page exchange (server mode). Plain JSON loses what the
// in-tab protocol carries through structured clone: NaN and ±Infinity, typed arrays, bigint.
// Those travel as tagged objects and come back as themselves, so the views see the same values.

type Tagged = { $wb: 'num'; v: string } | { $wb: 'ta'; t: string; v: number[] };

const ARRAYS: Record<string, new (v: number[]) => ArrayLike<number>> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint8Array,
  Int8Array,
  Int16Array,
  Uint16Array,
};

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $wb: 'num', v: String(value) };
  if (typeof value === 'bigint') return value.toString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (name in ARRAYS)
      return { $wb: 'ta', t: name, v: Array.from(value as unknown as ArrayLike<number>) };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$wb' in value) {
    const t = value as Tagged;
    if (t.$wb === 'num') return Number(t.v);
    if (t.$wb === 'ta' && t.t in ARRAYS) return new ARRAYS[t.t]!(t.v);
  }
  return value;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value, replacer);
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, reviver) as unknown;
}

/** The header carrying the session token on every API request. */
export const TOKEN_HEADER = 'x-workbench-token';

/**
 * The header naming the page (one per load) and numbering its API requests in the order it
 * sent them (`<page>:<n>`): requests travel on several connections and may arrive out of order,
 * and a newer request supersedes an older one of its kind (server/supersede.ts) only by this
 * order, and only within one page.
 */
export const SEQ_HEADER = 'x-workbench-seq';
