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

/** JSON's stricter number shape, without exponent: `-?(0|[1-9]\d*)(\.\d+)?`. */
function jsonShaped(bytes: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (bytes[i] === 0x2d) i++;
  const digit = (k: number) => k < e && bytes[k]! >= 0x30 && bytes[k]! <= 0x39;
  if (!digit(i)) return false;
  if (bytes[i] === 0x30 && digit(i + 1)) return false;
  while (digit(i)) i++;
  if (i === e) return true;
  if (bytes[i] !== 0x2e || !digit(i + 1)) return false;
  i++;
  while (digit(i)) i++;
  return i === e;
}

/**
 * A JSON-shaped decimal as float32. Up to 2^53 the digits are exact (as plainNumber); beyond,
 * the double computed here may be a few units off in its last place, so it is kept only when
 * every double within 2^-48 of it rounds to the same float32 (then Math.fround(Number(text))
 * gives that float32 too); otherwise undefined and the caller uses JSON.parse.
 */
function float32Of(bytes: Uint8Array, s: number, e: number): number | undefined {
  const exact = plainNumber(bytes, s, e);
  if (exact !== undefined) return exact;
  let i = s;
  const neg = bytes[i] === 0x2d;
  if (neg) i++;
  let m = 0;
  let frac = -1;
  for (; i < e; i++) {
    const b = bytes[i]!;
    if (b === 0x2e) frac = 0;
    else {
      m = m * 10 + (b - 0x30);
      if (frac >= 0) frac++;
    }
  }
  if (frac > 22 || m > 1e30) return undefined;
  const v = frac > 0 ? m / POW10[frac]! : m;
  const lo = Math.fround(v * (1 - 2 ** -48));
  if (lo !== Math.fround(v * (1 + 2 ** -48))) return undefined;
  return neg ? -lo : lo;
}

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * A JSON array of plain numbers `[1.5, -2, 0.25]` in bytes [s, e): its length, with the values
 * written to `out` (float32) from `at` when given; -1 when it is anything else (nulls,
 * exponents, nested arrays…) or a value is too close to call, which the caller then reads with
 * JSON.parse. One pass per value: the JSON shape check and the digits of `float32Of` together
 * (the same accumulation and the same roundings; `plainListReference` in the tests is the two
 * calls this fuses).
 */
export function plainList(
  bytes: Uint8Array,
  s: number,
  e: number,
  out?: Float32Array,
  at = 0,
  max = Infinity,
): number {
  if (bytes[s] !== 0x5b || bytes[e - 1] !== 0x5d) return -1;
  let i = s + 1;
  const end = e - 1;
  let n = 0;
  while (i < end && isSpace(bytes[i]!)) i++;
  if (i === end) return 0;
  for (;;) {
    while (i < end && isSpace(bytes[i]!)) i++;
    // -?(0|[1-9]\d*)(\.\d+)? up to a comma, a space or the bracket; anything else is not JSON.
    let b = bytes[i]!;
    const neg = b === 0x2d;
    if (neg) b = bytes[++i]!;
    if (i >= end || b < 0x30 || b > 0x39) return -1;
    let m = b - 0x30;
    let frac = -1;
    i++;
    if (m === 0 && i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) return -1;
    while (i < end && (b = bytes[i]!) >= 0x30 && b <= 0x39) {
      m = m * 10 + (b - 0x30);
      i++;
    }
    if (i < end && bytes[i] === 0x2e) {
      i++;
      frac = 0;
      if (i >= end || bytes[i]! < 0x30 || bytes[i]! > 0x39) return -1;
      while (i < end && (b = bytes[i]!) >= 0x30 && b <= 0x39) {
        m = m * 10 + (b - 0x30);
        frac++;
        i++;
      }
    }
    if (i < end && bytes[i] !== 0x2c && !isSpace(bytes[i]!)) return -1;
    if (out && n < max) {
      let v: number;
      if (m < MAX_EXACT && frac <= 22) {
        // plainNumber's case: exact digits, one rounding.
        v = frac > 0 ? m / POW10[frac]! : m;
        v = neg ? -v : v;
      } else {
        // float32Of's: kept only when every nearby double rounds to the same float32.
        if (frac > 22 || m > 1e30) return -1;
        v = frac > 0 ? m / POW10[frac]! : m;
        const lo = Math.fround(v * (1 - 2 ** -48));
        if (lo !== Math.fround(v * (1 + 2 ** -48))) return -1;
        v = neg ? -lo : lo;
      }
      out[at + n] = v;
    }
    n++;
    while (i < end && isSpace(bytes[i]!)) i++;
    if (i === end) return n;
    if (bytes[i] !== 0x2c) return -1;
    i++;
  }
}

/** The unfused reader (`jsonShaped` then `float32Of` per value), the reference for the tests. */
export function plainListReference(
  bytes: Uint8Array,
  s: number,
  e: number,
  out?: Float32Array,
  at = 0,
  max = Infinity,
): number {
  if (bytes[s] !== 0x5b || bytes[e - 1] !== 0x5d) return -1;
  let i = s + 1;
  const end = e - 1;
  let n = 0;
  while (i < end && isSpace(bytes[i]!)) i++;
  if (i === end) return 0;
  for (;;) {
    while (i < end && isSpace(bytes[i]!)) i++;
    const start = i;
    while (i < end && bytes[i] !== 0x2c && !isSpace(bytes[i]!)) i++;
    if (!jsonShaped(bytes, start, i)) return -1;
    if (out && n < max) {
      const v = float32Of(bytes, start, i);
      if (v === undefined) return -1;
      out[at + n] = v;
    }
    n++;
    while (i < end && isSpace(bytes[i]!)) i++;
    if (i === end) return n;
    if (bytes[i] !== 0x2c) return -1;
    i++;
  }
}
