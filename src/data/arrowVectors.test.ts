// Lists of floats become one row-major array: the bulk copy of null-free List chunks (what
// Parquet decoders return) must give what reading each row through arrow-js does.
import { Field, Float32, List, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { gatherVectors } from './arrowVectors';

const listType = new List(new Field('item', new Float32(), true));
const rows = (n: number, dim: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: dim }, (_, j) => seed + i * dim + j));

describe('gatherVectors over List<Float32> chunks', () => {
  it('two null-free chunks, one of them sliced: the rows in order', () => {
    const a = vectorFromArray(rows(5, 3, 0), listType);
    const b = vectorFromArray(rows(7, 3, 100), listType).slice(2); // starts at offset 6 of its child
    const chunks = [...a.data, ...b.data];
    const n = 5 + 5;
    const r = gatherVectors(chunks, n);
    expect('values' in r && r.dim).toBe(3);
    const want = rows(5, 3, 0)
      .concat(rows(7, 3, 100).slice(2))
      .flat()
      .map((x) => Math.fround(x));
    expect(Array.from((r as { values: Float32Array }).values)).toEqual(want);
  });

  it('a null row becomes NaNs, the others keep their values', () => {
    const v = vectorFromArray([[1, 2], null, [5, 6]], listType);
    const r = gatherVectors(v.data, 3) as { values: Float32Array };
    expect(Array.from(r.values)).toEqual([1, 2, NaN, NaN, 5, 6]);
  });

  it('null-free chunks whose rows differ in length: refused with both lengths, wherever they differ', () => {
    // The lengths are told from the offsets alone on this path; a row that differs anywhere in
    // any chunk (first row, last row, a later chunk) must still refuse the column.
    const cases: number[][][] = [
      [
        [1, 2],
        [3, 4, 5],
        [6, 7],
      ],
      [
        [1, 2],
        [3, 4],
        [5, 6, 7],
      ],
      [
        [1, 2, 3],
        [4, 5],
        [6, 7],
      ],
    ];
    for (const c of cases) {
      const r = gatherVectors(vectorFromArray(c, listType).data, 3);
      expect('error' in r && r.error).toMatch(/different lengths \(\d and \d\)/);
    }
    const a = vectorFromArray(rows(4, 2, 0), listType);
    const b = vectorFromArray(rows(4, 3, 0), listType);
    const r = gatherVectors([...a.data, ...b.data], 8);
    expect('error' in r && r.error).toBe('lists have different lengths (2 and 3)');
  });
});
