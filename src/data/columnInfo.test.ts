import { describe, expect, it } from 'vitest';
import { describeColumn } from './columnInfo';
import type { Column } from './types';

const num = (values: number[], integral: boolean): Column => ({
  kind: 'numeric',
  name: 'x',
  values: Float64Array.from(values),
  integral,
});

describe('describeColumn (numeric)', () => {
  it('counts distinct integers exactly, nulls apart, negative values included', () => {
    const info = describeColumn(num([3, -2, 3, NaN, 7, -2, 0, NaN], true), 'int32');
    expect(info).toMatchObject({ distinct: 4, nullCount: 2, min: -2, max: 7 });
  });

  it('caps the count at 1001, by the flag table and by the set alike', () => {
    const ints = Array.from({ length: 5000 }, (_, i) => i % 2500);
    expect(describeColumn(num(ints, true), 'int32').distinct).toBe(1001);
    const floats = ints.map((v) => v + 0.5);
    expect(describeColumn(num(floats, false), 'double').distinct).toBe(1001);
    // A wide integer range (ids) takes the set path.
    const wide = [0, 2 ** 40, 2 ** 40, 5];
    expect(describeColumn(num(wide, true), 'int64').distinct).toBe(3);
  });

  it('reports an all-null column without a range', () => {
    expect(describeColumn(num([NaN, NaN], true), 'int32')).toMatchObject({
      distinct: 0,
      nullCount: 2,
      min: null,
      max: null,
    });
  });
});

describe('describeColumn min/max', () => {
  it('agrees with a plain loop for odd and even lengths, infinities, -0 and nulls', () => {
    const cases = [
      [5],
      [2, -1],
      [1, 9, -3],
      [Infinity, -Infinity, 0],
      [NaN, 4, -7, NaN],
      [3, NaN],
      [NaN],
      [-0, 0.5],
    ];
    for (const values of cases) {
      const valid = values.filter((v) => v === v);
      const info = describeColumn(num(values, false), 'double');
      expect(info.nullCount).toBe(values.length - valid.length);
      expect(info.min).toBe(valid.length ? Math.min(...valid) : null);
      expect(info.max).toBe(valid.length ? Math.max(...valid) : null);
    }
  });
});
