import { describe, expect, it } from 'vitest';
import { classValuesOf, encodeClasses, sortClasses } from './classes';
import type { Column } from './types';

const num = (values: number[]): Column => ({
  kind: 'numeric',
  name: 'label',
  values: Float64Array.from(values),
  integral: false,
});

const encode = (col: Column) => {
  const classes = sortClasses(classValuesOf(col));
  return { classes, codes: Array.from(encodeClasses(col, new Map(classes.map((c, i) => [c, i])))) };
};

describe('class codes', () => {
  it('codes small integer classes by table, nulls as -1', () => {
    expect(encode(num([2, 0, NaN, 2, 1]))).toEqual({
      classes: ['0', '1', '2'],
      codes: [2, 0, -1, 2, 1],
    });
  });

  it('codes negative, fractional and large values in the same pass as the small ones', () => {
    // -1, 1.5 and 70000 are outside the table's range; 0 and 3 are inside; -0 is 0.
    const { classes, codes } = encode(num([3, -1, 1.5, 70000, 0, -0, NaN, 3]));
    expect(classes).toEqual(['-1', '0', '1.5', '3', '70000']);
    expect(codes).toEqual([3, 0, 2, 4, 1, 1, -1, 3]);
  });

  it('gives -1 to a value that is not one of the classes', () => {
    const col = num([0, 1, 2, 99999]);
    const index = new Map([
      ['0', 0],
      ['2', 1],
    ]);
    expect(Array.from(encodeClasses(col, index))).toEqual([0, -1, 1, -1]);
  });
});
