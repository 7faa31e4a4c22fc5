import { type Data, type DataType, Type, TimeUnit, DateUnit } from 'apache-arrow';
import { validityOf } from './validity';

/** How many of the source unit make one millisecond (timestamps, dates). */
function msDivisor(unit: TimeUnit): number {
  switch (unit) {
    case TimeUnit.SECOND:
      return 1e-3;
    case TimeUnit.MILLISECOND:
      return 1;
    case TimeUnit.MICROSECOND:
      return 1e3;
    default:
      return 1e6;
  }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** Two's-complement little-endian 32-bit words to a Number (exact up to 2^53). */
function wordsToNumber(words: Uint32Array, start: number, count: number): number {
  let v = 0;
  for (let w = count - 1; w >= 0; w--) {
    const word = words[start + w]!;
    const signed = w === count - 1 ? word | 0 : word;
    v = v * 4294967296 + signed;
  }
  return v;
}

/**
 * Row i of 64-bit integers as a Number without making a BigInt per row (Number(bigint) costs
 * ~150 ms per million rows): the high word times 2^32 plus the low word is one correctly
 * rounded addition of two exact terms, so it equals Number(values[i]) for every value.
 */
export function int64Reader(values: BigInt64Array | BigUint64Array): (i: number) => number {
  const lo = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const hi =
    values instanceof BigInt64Array
      ? new Int32Array(values.buffer, values.byteOffset, values.length * 2)
      : lo;
  return (i) => hi[2 * i + 1]! * 4294967296 + lo[2 * i]!;
}

/** A reader of row i as a plain number for every numeric-like Arrow type, or null if unsupported. */
export function numberReader(data: Data): ((i: number) => number) | null {
  const type = data.type as DataType;
  const values = data.values as ArrayLike<number | bigint>;
  switch (type.typeId) {
    case Type.Int:
    case Type.Float: {
      if ((type as { precision?: number }).precision === 0) {
        const v = values as Uint16Array;
        return (i) => halfToFloat(v[i]!);
      }
      if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
        return int64Reader(values);
      }
      const v = values as ArrayLike<number>;
      return (i) => v[i]!;
    }
    case Type.Decimal: {
      const { scale, bitWidth } = type as unknown as { scale: number; bitWidth: number };
      const words = bitWidth / 32;
      const div = 10 ** scale;
      const v = values as unknown as Uint32Array;
      return (i) => wordsToNumber(v, i * words, words) / div;
    }
    case Type.Timestamp: {
      const d = msDivisor((type as unknown as { unit: TimeUnit }).unit);
      const read = int64Reader(values as BigInt64Array);
      return (i) => read(i) / d;
    }
    case Type.Date: {
      if ((type as unknown as { unit: DateUnit }).unit === DateUnit.DAY) {
        const v = values as Int32Array;
        return (i) => v[i]! * 86_400_000;
      }
      const v = values as unknown as ArrayLike<number | bigint>;
      return (i) => Number(v[i]!);
    }
    case Type.Time:
    case Type.Duration: {
      const d = msDivisor((type as unknown as { unit: TimeUnit }).unit);
      return (i) => Number(values[i]!) / d;
    }
    default:
      return null;
  }
}

/** Plain numbers in a typed array that `set` can copy natively (memcpy or a native convert). */
export function nativeNumbers(data: Data): ArrayLike<number> | null {
  const type = data.type as DataType;
  if (type.typeId !== Type.Int && type.typeId !== Type.Float) return null;
  if ((type as { precision?: number }).precision === 0) return null;
  const v = data.values as unknown;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array || !ArrayBuffer.isView(v))
    return null;
  return v as unknown as ArrayLike<number>;
}

/** Copies chunks of a numeric-like column into one array; nulls become NaN. */
export function gatherNumbers(chunks: readonly Data[], out: Float64Array | Float32Array): boolean {
  let row = 0;
  for (const data of chunks) {
    const native = nativeNumbers(data);
    if (native) {
      // Bulk copy first (fast path for the common null-free column), then punch the nulls in.
      out.set((native as Float64Array).subarray(0, data.length), row);
      if (data.nullCount > 0) {
        const valid = validityOf(data);
        for (let i = 0; i < data.length; i++) if (!valid(i)) out[row + i] = NaN;
      }
      row += data.length;
      continue;
    }
    const read = numberReader(data);
    if (!read) return false;
    const valid = validityOf(data);
    for (let i = 0; i < data.length; i++) out[row++] = valid(i) ? read(i) : NaN;
  }
  return true;
}

/** Exact 64-bit integers, kept beside the Number copy so ids above 2^53 survive. */
export function gatherInt64(chunks: readonly Data[], signed: boolean, n: number) {
  const out = signed ? new BigInt64Array(n) : new BigUint64Array(n);
  let row = 0;
  for (const data of chunks) {
    const v = data.values as BigInt64Array | BigUint64Array;
    out.set(v.subarray(0, data.length) as never, row);
    row += data.length;
  }
  return out;
}
