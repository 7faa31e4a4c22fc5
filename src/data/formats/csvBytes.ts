// Numbers and number lists read straight from a CSV's bytes, without making a string per field:
// the hot path of a 1M-row file (26M fields, most of them numbers or lists of numbers). Anything
// outside the simple shapes below returns a "not handled" answer and takes the string path
// (csvTypes.ts), so what is accepted stays exactly what that path accepts.

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT = 2 ** 53;

/**
 * The value of a plain decimal `[+-]?digits[.digits]` in bytes [s, e), or undefined for anything
 * else (exponents, inf, more than 15–16 significant digits, …). Correctly rounded: the digits
 * form an integer m < 2^53 and the point divides by 10^k with k ≤ 22, both exact doubles, so
 * m / 10^k is the one rounding Number(text) does.
 */
export function plainNumber(bytes: Uint8Array, s: number, e: number): number | undefined {
  let i = s;
  let neg = false;
  if (i < e && (bytes[i] === 0x2d || bytes[i] === 0x2b)) neg = bytes[i++] === 0x2d;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const b = bytes[i]!;
    if (b >= 0x30 && b <= 0x39) {
      m = m * 10 + (b - 0x30);
      digits++;
      if (frac >= 0) frac++;
    } else if (b === 0x2e && frac < 0) frac = 0;
    else return undefined;
  }
  if (digits === 0 || m >= MAX_EXACT || frac > 22) return undefined;
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

/** Whether bytes [s, e) are `[+-]?digits` (no point): an integer field. */
export function isPlainInteger(bytes: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (i < e && (bytes[i] === 0x2d || bytes[i] === 0x2b)) i++;
  if (i === e) return false;
  for (; i < e; i++) if (bytes[i]! < 0x30 || bytes[i]! > 0x39) return false;
  return true;
}

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * Significant digits a list value keeps exactly (10^12 < 2^53): three 4-digit words. A float32
 * needs about 9; the digits past these only bound the value (below), so keeping more would cost
 * a multiply-add a digit for nothing.
 */
const KEPT = 12;
/**
 * How far above m · 10^k the value (m + 1) · 10^k may lie when a digit was dropped: m then has
 * all KEPT digits, so (m + 1) / m ≤ 1 + 10^-11 < 1 + 2^-36; the factors also cover the error of
 * `scaled` (2^-50), the rounding of Number(text) itself (2^-53) and their own product's.
 */
const ABOVE = 1 + 2 ** -35;
const BELOW = 1 - 2 ** -48;

/** Four bytes (little-endian) all ASCII digits: each high nibble 3, and 3 after adding 6. */
const digits4 = (x: number) =>
  ((x & 0xf0f0f0f0) | (((x + 0x06060606) & 0xf0f0f0f0) >>> 4)) === 0x33333333;
/** The value of four ASCII digits read little-endian (the first digit in the low byte). */
function value4(x: number): number {
  let v = x & 0x0f0f0f0f;
  v = (v * 10 + (v >>> 8)) & 0x00ff00ff;
  return (v * 100 + (v >>> 16)) & 0xffff;
}

/** A DataView over the buffer last read (one per buffer, not one per call). */
let viewOf: Uint8Array | null = null;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
function wordsOf(bytes: Uint8Array): DataView {
  if (viewOf !== bytes) {
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    viewOf = bytes;
  }
  return view;
}

/** 10^-k, each the double nearest (within 2^-53): a multiplication is faster than a division. */
const NEG10 = Array.from({ length: 23 }, (_, k) => Number(`1e-${k}`));

/**
 * x · 10^k for |k| ≤ 44, within 2^-50 (at most four roundings of 2^-53 each: the inexact
 * 10^-k, then each product); only for bounds, never for a value taken as exact.
 */
function scaled(x: number, k: number): number {
  if (k >= 0) return k <= 22 ? x * POW10[k]! : x * 1e22 * POW10[k - 22]!;
  return k >= -22 ? x * NEG10[-k]! : x * NEG10[22]! * NEG10[-k - 22]!;
}

/**
 * A JSON array of numbers `[1.5, -2, 0.25, 5e-7]` in bytes [s, e): its length, with the values
 * written to `out` (float32, as Math.fround(JSON.parse) gives) from `at` when given; -1 when it
 * is anything else (nulls, nested arrays, not JSON…) or a value is too close to call, which the
 * caller then reads with JSON.parse.
 *
 * One pass per value, shape and digits together. A value keeps its first 12 significant digits
 * in an exact integer m and a power of ten k. With no other digit and |k| ≤ 22, m · 10^k is one
 * correctly rounded operation on exact doubles, i.e. Number(text). Otherwise the text lies in
 * [m, m + 1) · 10^k (m · 10^k computed within 2^-50; m ≥ 10^11 when a digit was dropped), and
 * its float32 is kept only when both ends, widened (BELOW, ABOVE), round to the same float32:
 * rounding is monotone, so Math.fround(Number(text)) is that float32 too. Probabilities written
 * with 17–20 digits take the second path; a float32 written as its shortest double is far from
 * a float32 rounding boundary, so they are all kept. Fraction digits are read four at a time
 * (one 32-bit load checks and values them), and the digits past the 12th skipped the same way.
 */
export function plainList(
  bytes: Uint8Array,
  s: number,
  e: number,
  out?: Float32Array,
  at = 0,
  max = Infinity,
): number {
  if (e - s < 2 || bytes[s] !== 0x5b || bytes[e - 1] !== 0x5d) return -1;
  let i = s + 1;
  // bytes[end] is the closing bracket, no digit, space or sign: it stops every loop below.
  const end = e - 1;
  let n = 0;
  while (isSpace(bytes[i]!)) i++;
  if (i === end) return 0;
  for (;;) {
    while (isSpace(bytes[i]!)) i++;
    // -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? up to a comma, a space or the bracket.
    const neg = bytes[i] === 0x2d;
    if (neg) i++;
    let d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    i++;
    let m = d;
    let sig = d === 0 ? 0 : 1;
    let k = 0;
    let exact = true;
    if (d === 0) {
      d = bytes[i]! - 0x30;
      if (d >= 0 && d <= 9) return -1; // a leading zero
    } else {
      while ((d = bytes[i]! - 0x30) >= 0 && d <= 9) {
        if (sig < KEPT) {
          m = m * 10 + d;
          sig++;
        } else {
          k++;
          if (d !== 0) exact = false;
        }
        i++;
      }
    }
    if (bytes[i] === 0x2e) {
      i++;
      d = bytes[i]! - 0x30;
      if (d < 0 || d > 9) return -1;
      // Leading zeros of a fraction (0.000123) are not significant; then the kept digits, then
      // the rest, only looked at.
      if (m === 0)
        while (bytes[i] === 0x30) {
          k--;
          i++;
        }
      // (positions count the digits: one increment a digit in this, the hottest loop; whole
      // words of four digits first, read as one 32-bit load and checked and valued at once)
      const words = wordsOf(bytes);
      const from = i;
      const upto = i + KEPT - sig;
      while (i + 4 <= upto && i + 4 <= end) {
        const w = words.getUint32(i, true);
        if (!digits4(w)) break;
        m = m * 1e4 + value4(w);
        i += 4;
      }
      while (i < upto && (d = bytes[i]! - 0x30) >= 0 && d <= 9) {
        m = m * 10 + d;
        i++;
      }
      k -= i - from;
      sig += i - from;
      // Digits past the kept ones make the value inexact (even zeros: the bounds below hold
      // for any tail, and m has all KEPT digits then).
      const tail = i;
      while (i + 4 <= end && digits4(words.getUint32(i, true))) i += 4;
      while ((bytes[i]! - 0x30) >>> 0 <= 9) i++;
      if (i > tail) exact = false;
    }
    if ((bytes[i]! | 0x20) === 0x65) {
      i++;
      const eNeg = bytes[i] === 0x2d;
      if (eNeg || bytes[i] === 0x2b) i++;
      d = bytes[i]! - 0x30;
      if (d < 0 || d > 9) return -1;
      let x = 0;
      do {
        if (x < 1e6) x = x * 10 + d;
        i++;
      } while ((d = bytes[i]! - 0x30) >= 0 && d <= 9);
      k += eNeg ? -x : x;
    }
    if (i < end && bytes[i] !== 0x2c && !isSpace(bytes[i]!)) return -1;
    if (out && n < max) {
      let v: number;
      if (m === 0) v = 0;
      else if (exact && k >= -22 && k <= 22) v = k < 0 ? m / POW10[-k]! : m * POW10[k]!;
      else {
        // m has KEPT digits when inexact (see ABOVE); when exact, the value is m · 10^k.
        if (k < -44 || k > 44) return -1;
        const x = scaled(m, k);
        v = Math.fround(x * BELOW);
        if (v !== Math.fround(x * ABOVE)) return -1;
      }
      out[at + n] = neg ? -v : v;
    }
    n++;
    while (isSpace(bytes[i]!)) i++;
    if (i === end) return n;
    if (bytes[i] !== 0x2c) return -1;
    i++;
  }
}
