/**
 * Stable ascending argsort of finite float values by LSD radix sort on their IEEE-754 bits:
 * linear time, where a comparator sort of a million indices takes a large fraction of a second.
 * Keys flip the sign bit of non-negative values and every bit of negative ones so that unsigned
 * order equals numeric order. −0 sorts just before +0; callers that group ties compare values,
 * so the two still land in one group. NaN must be filtered out beforehand.
 */
export function argsortFloats(values: Float64Array): Uint32Array {
  const n = values.length;
  // The radix passes clear and scan 65536 buckets each: below a few thousand values a comparator
  // sort is cheaper (same order: by value, −0 first, then by index).
  if (n < 4096) return smallArgsort(values);
  const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  // Little-endian platforms (all browser targets): word 2i is the low half, 2i+1 the high half.
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1]!;
    const neg = h >>> 31 === 1;
    hi[i] = neg ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[i] = neg ? ~bits[2 * i]! >>> 0 : bits[2 * i]!;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let tmp = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  for (const [key, shift] of [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(key[i]! >>> shift) & 0xffff]!++;
    // Skip a pass whose digit is the same for every value (e.g. the low words of float32 data).
    if (counts[(key[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const r = order[i]!;
      tmp[counts[(key[r]! >>> shift) & 0xffff]!++] = r;
    }
    [order, tmp] = [tmp, order];
  }
  return order;
}

function smallArgsort(values: Float64Array): Uint32Array {
  const negZero = (x: number) => (x === 0 && 1 / x < 0 ? 1 : 0);
  return Uint32Array.from(values, (_, i) => i).sort(
    (a, b) => values[a]! - values[b]! || negZero(values[b]!) - negZero(values[a]!) || a - b,
  );
}
