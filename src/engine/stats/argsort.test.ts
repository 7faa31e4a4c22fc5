import { describe, expect, it } from 'vitest';
import { argsortFloats } from './argsort';
import { Xoshiro128 } from './prng';

/** Comparator reference: ascending value, −0 before +0, then by index (a stable sort). */
function reference(values: Float64Array): number[] {
  const negZero = (x: number) => (Object.is(x, -0) ? 1 : 0);
  return Array.from(values, (_, i) => i).sort(
    (a, b) => values[a]! - values[b]! || negZero(values[b]!) - negZero(values[a]!) || a - b,
  );
}

describe('argsortFloats', () => {
  it('sorts a hand-picked mix of signs, zeros, ties and extremes stably', () => {
    const v = Float64Array.of(
      3,
      -1,
      0,
      -0,
      2.5,
      -1,
      1e300,
      -1e-300,
      5e-324,
      3,
      -Infinity,
      Infinity,
    );
    const order = argsortFloats(v);
    // −0 (index 3) sorts before +0 (index 2): distinct bit patterns. Grouping compares values.
    expect(Array.from(order)).toEqual(reference(v));
    expect(Array.from(order)).toEqual([10, 1, 5, 7, 3, 2, 8, 4, 0, 9, 6, 11]);
    // The same values tiled past 4096 go through the radix passes instead.
    const tiled = Float64Array.from({ length: 6000 }, (_, i) => v[i % v.length]!);
    expect(Array.from(argsortFloats(tiled))).toEqual(reference(tiled));
  });

  it('matches a stable comparator sort on random float64 and float32-valued data', () => {
    const g = new Xoshiro128(11);
    for (const f32 of [false, true]) {
      const v = new Float64Array(5000);
      for (let i = 0; i < v.length; i++) {
        const x = (g.nextFloat() - 0.3) * 10 ** Math.floor(g.nextFloat() * 8 - 4);
        // Rounding to 2 decimals on a third of the rows makes plenty of ties.
        v[i] = i % 3 === 0 ? Math.round(x * 100) / 100 : f32 ? Math.fround(x) : x;
      }
      expect(Array.from(argsortFloats(v))).toEqual(reference(v));
    }
  });

  it('reads a view at an offset into a larger buffer', () => {
    const big = Float64Array.of(9, 9, 3, 1, 2);
    expect(Array.from(argsortFloats(big.subarray(2)))).toEqual([1, 2, 0]);
  });
});
