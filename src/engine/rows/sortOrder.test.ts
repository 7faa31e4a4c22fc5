import { describe, expect, it } from 'vitest';
import type { Column } from '../../data/types';
import { dictionaryRank, maskedRows, sortedOrder } from './sortOrder';

const num = (values: number[], int64?: bigint[]): Column => ({
  kind: 'numeric',
  name: 'x',
  values: Float64Array.from(values),
  integral: !!int64,
  ...(int64 ? { int64: BigInt64Array.from(int64) } : {}),
});

describe('sortedOrder', () => {
  it('puts NaN last in both directions and breaks ties by row order', () => {
    const c = num([3, NaN, 1, 3, NaN, 2]);
    expect(Array.from(sortedOrder(c, null, 6, false))).toEqual([2, 5, 0, 3, 1, 4]);
    expect(Array.from(sortedOrder(c, null, 6, true))).toEqual([0, 3, 5, 2, 1, 4]);
  });

  it('sorts only the given rows', () => {
    const c = num([5, 4, 3, 2, 1]);
    expect(Array.from(sortedOrder(c, Int32Array.from([0, 2, 4]), 5, false))).toEqual([4, 2, 0]);
  });

  it('orders int64 exactly where float64 ties (ids beyond 2^53)', () => {
    // As float64, 2^53+1 rounds to 2^53 and 2^53+3 to 2^53+4: only the bigints tell them apart.
    const big = [2n ** 53n + 1n, 2n ** 53n, 2n ** 53n + 4n, 2n ** 53n + 3n];
    const c = num(
      big.map((b) => Number(b)),
      big,
    );
    expect(Number(big[0])).toBe(Number(big[1]));
    expect(Array.from(sortedOrder(c, null, 4, false))).toEqual([1, 0, 3, 2]);
    expect(Array.from(sortedOrder(c, null, 4, true))).toEqual([2, 3, 0, 1]);
  });

  it('sorts strings by dictionary rank (code-unit order), nulls last', () => {
    const c: Column = {
      kind: 'string',
      name: 's',
      dictionary: ['b', 'B', 'a', 'b'],
      codes: Int32Array.from([0, -1, 1, 2, 3]),
    };
    expect(Array.from(dictionaryRank(c.dictionary))).toEqual([2, 0, 1, 2]);
    // 'B' < 'a' < 'b' == 'b' (the two equal dictionary entries tie, so row order decides).
    expect(Array.from(sortedOrder(c, null, 5, false))).toEqual([2, 3, 0, 4, 1]);
    expect(Array.from(sortedOrder(c, null, 5, true))).toEqual([0, 4, 3, 2, 1]);
  });

  it('uses an explicit rank when given (e.g. flip words in meaning order)', () => {
    const c: Column = {
      kind: 'string',
      name: 's',
      dictionary: ['z', 'a'],
      codes: Int32Array.from([1, 0]),
    };
    expect(Array.from(sortedOrder(c, null, 2, false, Int32Array.from([0, 1])))).toEqual([1, 0]);
  });

  it('sorts booleans false < true with nulls last', () => {
    const c: Column = { kind: 'boolean', name: 'b', values: Uint8Array.from([1, 2, 0, 1]) };
    expect(Array.from(sortedOrder(c, null, 4, false))).toEqual([2, 0, 3, 1]);
  });

  it('refuses vectors', () => {
    const c: Column = { kind: 'vector', name: 'e', dim: 2, values: new Float32Array(4) };
    expect(() => sortedOrder(c, null, 2, false)).toThrow(/cannot be sorted/);
  });
});

describe('maskedRows', () => {
  it('lists the kept rows in row order', () => {
    expect(Array.from(maskedRows(Uint8Array.from([0, 1, 1, 0, 1])))).toEqual([1, 2, 4]);
  });
});
