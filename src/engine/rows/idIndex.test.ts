import { describe, expect, it } from 'vitest';
import { IdIndex } from './idIndex';

const ids = ['b2', 'a10', null, 'a1', 'a2', 'a1', 'c'];
const index = new IdIndex(ids.length, (i) => ids[i]!);

describe('IdIndex', () => {
  it('finds every row of an exact id, in row order', () => {
    expect(index.rowsOf('a1')).toEqual([3, 5]);
    expect(index.rowsOf('c')).toEqual([6]);
    expect(index.rowsOf('a')).toEqual([]);
    expect(index.size).toBe(6);
  });

  it('suggests distinct ids by prefix in sorted order, the exact match first', () => {
    expect(index.withPrefix('a1', 10)).toEqual([
      { id: 'a1', count: 2 },
      { id: 'a10', count: 1 },
    ]);
    expect(index.withPrefix('a', 2).map((h) => h.id)).toEqual(['a1', 'a10']);
    expect(index.withPrefix('d', 5)).toEqual([]);
  });
});
