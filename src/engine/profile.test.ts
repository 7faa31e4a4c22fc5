import { describe, expect, it } from 'vitest';
import { codeCounts, numericHistogram } from './profile';

describe('numericHistogram', () => {
  it('bins by hand: 0..10 in 5 bins, max in the last bin, NaN counted as null', () => {
    const h = numericHistogram(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN]), 5);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 3]);
    expect(h.nulls).toBe(1);
  });
  it('respects a mask, a constant column and an all-null column', () => {
    const v = Float64Array.from([1, 5, 9]);
    expect(numericHistogram(v, 2, Uint8Array.from([1, 0, 1])).counts).toEqual([1, 1]);
    expect(numericHistogram(Float64Array.from([3, 3]), 10).counts).toEqual([2]);
    expect(numericHistogram(Float64Array.from([NaN]), 10).counts).toEqual([]);
  });
});

describe('codeCounts', () => {
  it('counts codes and nulls', () => {
    const r = codeCounts(Int32Array.from([0, 2, 2, -1, 1, 2]), 3);
    expect(Array.from(r.counts)).toEqual([1, 1, 3]);
    expect(r.nulls).toBe(1);
  });
});
