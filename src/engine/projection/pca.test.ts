import { describe, expect, it } from 'vitest';
import reference from './__fixtures__/pca_reference.json';
import { pca2 } from './pca';
import { jacobiEigen, topEigen } from './eigen';

interface Case {
  name: string;
  dim: number;
  rows: (number[] | null)[];
  components: number[][];
  explained: number[];
  coords: (number[] | null)[];
}

const cases = (reference as { cases: Case[] }).cases;

describe('PCA to 2-D against numpy (eigh of np.cov)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const v = Float32Array.from(c.rows.flatMap((r) => r ?? new Array<number>(c.dim).fill(NaN)));
      const got = pca2(v, c.dim, 1);
      expect(got.valid).toBe(c.rows.filter(Boolean).length);
      for (let a = 0; a < 2; a++) {
        const want = c.components[a]!;
        const axis = got.components.subarray(a * c.dim, (a + 1) * c.dim);
        // Axes are unique up to sign: align with numpy's before comparing.
        const sign = want.reduce((s, w, j) => s + w * axis[j]!, 0) < 0 ? -1 : 1;
        want.forEach((w, j) => expect(sign * axis[j]!).toBeCloseTo(w, 6));
        expect(got.explained[a]).toBeCloseTo(c.explained[a]!, 8);
        c.coords.forEach((xy, i) => {
          const g = got.coords[2 * i + a]!;
          if (xy === null) expect(g).toBeNaN();
          else expect(sign * g).toBeCloseTo(xy[a]!, 3);
        });
      }
    });
  }

  it('orients each axis so its largest loading is positive', () => {
    const c = cases[0]!;
    const got = pca2(Float32Array.from(c.rows.flatMap((r) => r!)), c.dim, 99);
    for (let a = 0; a < 2; a++) {
      const axis = Array.from(got.components.subarray(a * c.dim, (a + 1) * c.dim));
      const big = axis.reduce((b, x) => (Math.abs(x) > Math.abs(b) ? x : b), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('fits the axes on a seeded sample above maxFit, and still projects every row', () => {
    const c = cases[0]!;
    const v = Float32Array.from(c.rows.flatMap((r) => r!));
    const full = pca2(v, c.dim, 1);
    const sampled = pca2(v, c.dim, 1, undefined, 150);
    expect(full.fitted).toBe(200);
    expect(sampled.fitted).toBe(150);
    expect(sampled.coords.length).toBe(full.coords.length);
    // Strong leading axis (scale 5 vs 3): a 150-row sample finds nearly the same direction.
    const a = full.components.subarray(0, c.dim);
    const b = sampled.components.subarray(0, c.dim);
    expect(Math.abs(a.reduce((s, x, j) => s + x * b[j]!, 0))).toBeGreaterThan(0.99);
  });

  it('handles one dimension, constant rows and no rows', () => {
    const one = pca2(Float32Array.from([1, 2, 3, 4]), 1);
    expect(Array.from(one.coords)).toEqual([-1.5, 0, -0.5, 0, 0.5, 0, 1.5, 0]);
    const same = pca2(Float32Array.from([2, 2, 2, 2, 2, 2]), 2);
    expect(Array.from(same.coords)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(pca2(new Float32Array(0), 4).coords.length).toBe(0);
  });
});

describe('eigen solvers', () => {
  it('Jacobi diagonalizes a symmetric matrix', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0, 2, 0, 1]);
    const { values, vectors } = jacobiEigen(a, 3);
    for (let j = 0; j < 3; j++) {
      for (let r = 0; r < 3; r++) {
        let av = 0;
        for (let s = 0; s < 3; s++) av += a[r * 3 + s]! * vectors[s * 3 + j]!;
        expect(av).toBeCloseTo(values[j]! * vectors[r * 3 + j]!, 10);
      }
    }
    expect(values[0]).toBeGreaterThanOrEqual(values[1]!);
  });

  it('subspace iteration finds the top pair of a diagonal matrix with a rank deficit', () => {
    const d = 12;
    const c = new Float64Array(d * d);
    [0, 0, 5, 0, 9, 0, 1, 0, 0, 0, 0, 0].forEach((x, i) => (c[i * d + i] = x));
    const { values, vectors } = topEigen(c, d, 2);
    expect(values[0]).toBeCloseTo(9, 10);
    expect(values[1]).toBeCloseTo(5, 10);
    expect(Math.abs(vectors[4]!)).toBeCloseTo(1, 10);
    expect(Math.abs(vectors[d + 2]!)).toBeCloseTo(1, 10);
  });
});
