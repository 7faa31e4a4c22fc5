import { describe, expect, it } from 'vitest';
import { floatKeys, int64Keys, radixSortBy } from './radix';

/** A seeded generator so a failure reproduces. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

describe('radixSortBy', () => {
  it('sorts floats like a comparator sort: negatives, ±0, infinities, ties in row order', () => {
    const r = rng(7);
    const values = Float64Array.from({ length: 5000 }, () => {
      const u = r();
      if (u < 0.05) return -0;
      if (u < 0.1) return 0;
      if (u < 0.12) return Infinity;
      if (u < 0.14) return -Infinity;
      return Math.round((r() - 0.5) * 2000) / 7; // many ties
    });
    const { hi, lo, isNull } = floatKeys(values);
    expect(isNull.every((x) => x === 0)).toBe(true);
    const got = radixSortBy(
      Int32Array.from(values, (_, i) => i),
      hi,
      lo,
    );
    const want = [...values.keys()].sort((a, b) => values[a]! - values[b]! || a - b);
    expect(Array.from(got)).toEqual(want);
  });

  it('sorts float32 values and flags NaN as null', () => {
    const values = Float32Array.from([0.5, NaN, -1.25, 3e-8, -3e-8]);
    const { hi, lo, isNull } = floatKeys(values);
    expect(Array.from(isNull)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(radixSortBy(Int32Array.from([0, 2, 3, 4]), hi, lo))).toEqual([2, 4, 3, 0]);
  });

  it('sorts signed and unsigned 64-bit integers exactly', () => {
    const big = BigInt64Array.from([5n, -(2n ** 62n), 2n ** 62n + 1n, 2n ** 62n, -1n]);
    const k = int64Keys(big, new Float64Array(5));
    expect(Array.from(radixSortBy(Int32Array.from([0, 1, 2, 3, 4]), k.hi, k.lo))).toEqual([
      1, 4, 0, 3, 2,
    ]);
    const ubig = BigUint64Array.from([2n ** 63n + 1n, 1n, 2n ** 63n]);
    const u = int64Keys(ubig, Float64Array.from([0, 0, NaN]));
    expect(Array.from(u.isNull)).toEqual([0, 0, 1]);
    expect(Array.from(radixSortBy(Int32Array.from([0, 1]), u.hi, u.lo))).toEqual([1, 0]);
  });
});
