import { describe, expect, it } from 'vitest';
import { percentileOf } from './percentile';

describe('percentileOf', () => {
  it('is a mid-rank percentile over the non-null values of the mask', () => {
    const v = Float64Array.from([0.1, 0.5, NaN, 0.5, 0.9, 0.3]);
    expect(percentileOf(v, 0.5, null)).toEqual({ below: 2, equal: 2, total: 5, percentile: 60 });
    const mask = Uint8Array.from([1, 1, 1, 0, 0, 0]);
    expect(percentileOf(v, 0.5, mask)).toEqual({ below: 1, equal: 1, total: 2, percentile: 75 });
    expect(percentileOf(v, 0.5, new Uint8Array(6)).percentile).toBeNull();
  });
});
