import { describe, expect, it } from 'vitest';
import { countDuplicateIds } from './duplicates';
import type { Column } from './types';

const num = (values: number[], int64?: bigint[]): Column => ({
  kind: 'numeric',
  name: 'id',
  values: Float64Array.from(values),
  integral: true,
  ...(int64 ? { int64: BigInt64Array.from(int64) } : {}),
});

describe('countDuplicateIds', () => {
  it('finds none in increasing ids (the fast path) and in shuffled distinct ids', () => {
    expect(countDuplicateIds(num([1, 2, 5, 9]))).toEqual({ duplicates: 0, nulls: 0 });
    expect(countDuplicateIds(num([9, 1, 5, 2]))).toEqual({ duplicates: 0, nulls: 0 });
  });

  it('counts each repeat after the first, and nulls apart', () => {
    // 3 appears three times (2 repeats), 7 twice (1 repeat); one null.
    expect(countDuplicateIds(num([3, 7, 3, NaN, 7, 3, 1]))).toEqual({ duplicates: 3, nulls: 1 });
    // Increasing but not strictly: the fast path must not answer.
    expect(countDuplicateIds(num([1, 2, 2, 3]))).toEqual({ duplicates: 1, nulls: 0 });
  });

  it('keeps 64-bit ids exact where their doubles collide', () => {
    const big = 2n ** 53n;
    // 2^53 and 2^53 + 1 are one double: distinct ids, not duplicates.
    const ids = [big, big + 1n, big + 2n];
    expect(countDuplicateIds(num(ids.map(Number), ids))).toEqual({ duplicates: 0, nulls: 0 });
    const dup = [big + 1n, big, big + 1n];
    expect(countDuplicateIds(num(dup.map(Number), dup))).toEqual({ duplicates: 1, nulls: 0 });
  });

  it('counts repeated strings by their interned codes', () => {
    const col: Column = {
      kind: 'string',
      name: 'id',
      codes: Int32Array.from([0, 1, 0, -1, 2, 1]),
      dictionary: ['a', 'b', 'c'],
    };
    expect(countDuplicateIds(col)).toEqual({ duplicates: 2, nulls: 1 });
  });
});
