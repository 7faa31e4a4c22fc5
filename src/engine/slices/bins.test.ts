import { describe, expect, it } from 'vitest';
import { binColumn } from './bins';
import { SKIP } from './types';

describe('bins', () => {
  it('quantile bins cover every non-null value once, with exact ranges and a null bin', () => {
    const values = Float64Array.from([3, 1, NaN, 2, 2, 2, 0, 1, 3, NaN, 0, 2]);
    const f = binColumn({ kind: 'numeric', name: 'k', values, integral: true }, 4)!;
    expect(f.bins.map((b) => b.text)).toEqual(['k = 0', 'k = 1', 'k in [2, 3]', 'k is null']);
    expect(Array.from(f.codes)).toEqual([2, 1, 3, 2, 2, 2, 0, 1, 2, 3, 0, 2]);
    expect(f.bins[1]!.predicate).toEqual({ op: 'range', column: 'k', min: 1, max: 1 });
    expect(f.bins[2]!.predicate).toEqual({ op: 'range', column: 'k', min: 2, max: 3 });
  });
  it('keeps the 30 most frequent categories and skips the rest', () => {
    const codes = Int32Array.from({ length: 1000 }, (_, i) => (i < 900 ? i % 30 : 30 + (i % 10)));
    codes[5] = -1;
    const dictionary = Array.from({ length: 40 }, (_, j) => `c${j}`);
    const f = binColumn({ kind: 'string', name: 's', codes, dictionary }, 5)!;
    expect(f.skippedCategories).toBe(10);
    expect(f.bins).toHaveLength(31);
    expect(f.codes[950]).toBe(SKIP);
    expect(f.bins[f.codes[5]!]!.text).toBe('s is null');
  });
});
