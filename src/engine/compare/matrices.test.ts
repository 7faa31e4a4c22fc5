import { describe, expect, it } from 'vitest';
import { groupMatrix, topClassesByErrorMass } from './errorMass';
import { confusionDelta, rowNormalize, transitionMatrix } from './transition';

const i32 = (xs: number[]) => Int32Array.from(xs);

describe('transition and confusion shift', () => {
  // k = 3. Rows (label, A, B): (0,0,0) (0,0,1) (1,1,1) (1,2,1) (2,2,2) (2,2,0) (−1,0,2) (1,−1,1)
  const label = i32([0, 0, 1, 1, 2, 2, -1, 1]);
  const a = i32([0, 0, 1, 2, 2, 2, 0, -1]);
  const b = i32([0, 1, 1, 1, 2, 0, 2, 1]);

  it('transition: A prediction → B prediction, skipping rows missing either', () => {
    // pairs: 0→0, 0→1, 1→1, 2→1, 2→2, 2→0, 0→2 (no label needed); last row has no A.
    expect(Array.from(transitionMatrix(a, b, 3))).toEqual([1, 1, 1, 0, 1, 0, 1, 1, 1]);
  });

  it('confusion delta over rows valid for both versions; rows of the delta sum to 0', () => {
    const d = confusionDelta(label, a, b, 3);
    expect(d.n).toBe(6);
    expect(Array.from(d.a)).toEqual([2, 0, 0, 0, 1, 1, 0, 0, 2]);
    expect(Array.from(d.b)).toEqual([1, 1, 0, 0, 2, 0, 1, 0, 1]);
    expect(Array.from(d.delta)).toEqual([-1, 1, 0, 0, 1, -1, 1, 0, -1]);
    expect(Array.from(d.aNormalized)).toEqual([1, 0, 0, 0, 0.5, 0.5, 0, 0, 1]);
    expect(Array.from(d.deltaNormalized)).toEqual([-0.5, 0.5, 0, 0, 0.5, -0.5, 0.5, 0, -0.5]);
  });

  it('row-normalizing an empty row gives NaN, not 0', () => {
    const r = rowNormalize(Float64Array.of(0, 0, 1, 3), 2);
    expect(r[0]).toBeNaN();
    expect(Array.from(r.subarray(2))).toEqual([0.25, 0.75]);
  });
});

describe('classes by error mass', () => {
  // k = 4. A confuses 0→1 (5) and 2→3 (1); B confuses 0→1 (3) and 3→2 (4). Diagonals ignored.
  const confA = new Float64Array(16);
  const confB = new Float64Array(16);
  confA[0 * 4 + 1] = 5;
  confA[2 * 4 + 3] = 1;
  confB[0 * 4 + 1] = 3;
  confB[3 * 4 + 2] = 4;
  confA[0] = confB[5] = 100;

  it('ranks by off-diagonal row + column mass in either version, ties by index', () => {
    // mass: class 0: 8 (row), 1: 8 (column), 2: 1 + 4 = 5, 3: 1 + 4 = 5.
    const s = topClassesByErrorMass(confA, confB, 4, 3);
    expect(Array.from(s.mass)).toEqual([8, 8, 5, 5]);
    expect(s.top).toEqual([0, 1, 2]);
    expect(s.other).toEqual([3]);
  });

  it('groups the rest into a trailing "other" class, preserving the total', () => {
    const { size, matrix } = groupMatrix(confB, 4, [2, 0]);
    // slots: 2 → 0, 0 → 1, {1, 3} → 2 (other).
    expect(size).toBe(3);
    expect(Array.from(matrix)).toEqual([0, 0, 0, 0, 0, 3, 4, 0, 100]);
    expect(groupMatrix(confB, 4, [0, 1, 2, 3]).size).toBe(4);
  });
});
