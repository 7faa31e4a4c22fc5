import { describe, expect, it } from 'vitest';
import { nearest, nearestToRow } from './knn';
import { rowNorms } from './kernels';
import { seededRandom } from './sample';
import { simdScanner, simdScores } from './simdScan';

// Brute force written independently: every distance in float64 from the definition, then a full
// sort by (distance, row).
function brute(
  rows: number[][],
  q: number[],
  k: number,
  metric: 'cosine' | 'euclidean',
  keep: (i: number) => boolean = () => true,
) {
  const all: { row: number; d: number }[] = [];
  rows.forEach((v, i) => {
    if (!keep(i) || v.some((x) => Number.isNaN(x))) return;
    let d: number;
    if (metric === 'euclidean') d = Math.hypot(...v.map((x, j) => x - q[j]!));
    else {
      const nv = Math.hypot(...v);
      const nq = Math.hypot(...q);
      d = nv === 0 || nq === 0 ? 1 : 1 - v.reduce((s, x, j) => s + x * q[j]!, 0) / (nv * nq);
    }
    all.push({ row: i, d });
  });
  all.sort((a, b) => a.d - b.d || a.row - b.row);
  return all.slice(0, k);
}

function flat(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

function run(
  rows: number[][],
  q: number[],
  k: number,
  metric: 'cosine' | 'euclidean',
  mask?: Uint8Array,
  exclude?: number,
) {
  const v = flat(rows);
  const dim = q.length;
  const res = nearest(v, dim, rowNorms(v, dim), Float32Array.from(q), {
    k,
    metric,
    mask: mask ?? null,
    exclude,
  });
  return Array.from(res.rows, (row, i) => ({ row, d: res.distances[i]! }));
}

describe('exact kNN', () => {
  it('matches brute force on random data, both metrics, many dims', () => {
    const rand = seededRandom(7);
    for (const dim of [1, 3, 8, 13, 32]) {
      const rows = Array.from({ length: 300 }, () =>
        Array.from({ length: dim }, () => rand() * 2 - 1),
      );
      const q = Array.from({ length: dim }, () => rand() * 2 - 1);
      for (const metric of ['cosine', 'euclidean'] as const) {
        const got = run(rows, q, 10, metric);
        const want = brute(rows, q, 10, metric);
        expect(got.map((g) => g.row)).toEqual(want.map((w) => w.row));
        got.forEach((g, i) => expect(g.d).toBeCloseTo(want[i]!.d, 5));
      }
    }
  });

  it('breaks ties by the lower row index, including when the heap is full', () => {
    // Integer vectors: every distance is exact, and rows 1, 3, 4, 6 are all at distance 1.
    const rows = [
      [5, 5],
      [1, 0],
      [9, 9],
      [0, 1],
      [-1, 0],
      [7, 7],
      [0, -1],
      [0, 0],
    ];
    const got = run(rows, [0, 0], 3, 'euclidean', undefined, 7);
    expect(got.map((g) => g.row)).toEqual([1, 3, 4]);
    expect(got.map((g) => g.row)).toEqual(
      brute(rows, [0, 0], 3, 'euclidean', (i) => i !== 7).map((w) => w.row),
    );
    // Cosine: scalar multiples are all at distance 0; the lowest rows win.
    const par = [
      [2, 0],
      [0, 3],
      [4, 0],
      [1, 0],
      [3, 0],
    ];
    expect(run(par, [1, 0], 2, 'cosine').map((g) => g.row)).toEqual([0, 2]);
  });

  it('defines cosine distance as 1 for zero vectors (row or query)', () => {
    const rows = [
      [0, 0, 0],
      [1, 0, 0],
      [-1, 0, 0],
      [0, 1, 0],
    ];
    const got = run(rows, [1, 0, 0], 4, 'cosine');
    expect(got).toEqual(brute(rows, [1, 0, 0], 4, 'cosine'));
    expect(got.find((g) => g.row === 0)!.d).toBe(1);
    expect(got.map((g) => g.row)).toEqual([1, 0, 3, 2]);
    const fromZero = run(rows, [0, 0, 0], 4, 'cosine');
    expect(fromZero.map((g) => g.d)).toEqual([1, 1, 1, 1]);
    expect(fromZero.map((g) => g.row)).toEqual([0, 1, 2, 3]);
  });

  it('skips NaN rows and returns nothing for a NaN query', () => {
    const rows = [
      [NaN, NaN],
      [1, 1],
      [2, NaN],
      [0.5, 0.5],
      [3, 3],
    ];
    for (const metric of ['cosine', 'euclidean'] as const) {
      const got = run(rows, [1, 1], 10, metric);
      expect(got.map((g) => g.row)).toEqual(brute(rows, [1, 1], 10, metric).map((w) => w.row));
      expect(got.map((g) => g.row).sort()).toEqual([1, 3, 4]);
    }
    expect(run(rows, [NaN, 1], 3, 'euclidean')).toEqual([]);
  });

  it('restricts candidates to the cohort, excludes the query row, and k > cohort returns all', () => {
    const rand = seededRandom(3);
    const rows = Array.from({ length: 200 }, () => Array.from({ length: 8 }, () => rand()));
    const mask = Uint8Array.from(rows, (_, i) => (i % 7 === 0 ? 1 : 0));
    const v = flat(rows);
    const norms = rowNorms(v, 8);
    for (const metric of ['cosine', 'euclidean'] as const) {
      const res = nearestToRow(v, 8, norms, 14, { k: 1000, metric, mask });
      const want = brute(rows, rows[14]!, 1000, metric, (i) => mask[i] === 1 && i !== 14);
      expect(res.rows.length).toBe(28);
      expect(Array.from(res.rows)).toEqual(want.map((w) => w.row));
      const few = nearestToRow(v, 8, norms, 14, { k: 5, metric, mask });
      expect(Array.from(few.rows)).toEqual(want.slice(0, 5).map((w) => w.row));
    }
  });

  it('handles k = 0 and an empty cohort', () => {
    const v = Float32Array.from([1, 2, 3, 4]);
    const norms = rowNorms(v, 2);
    expect(
      nearest(v, 2, norms, Float32Array.from([1, 2]), { k: 0, metric: 'euclidean' }).rows.length,
    ).toBe(0);
    const empty = new Uint8Array(2);
    expect(
      nearest(v, 2, norms, Float32Array.from([1, 2]), { k: 3, metric: 'cosine', mask: empty }).rows
        .length,
    ).toBe(0);
  });
});

describe('the WebAssembly SIMD scan behind nearest', () => {
  const rand = seededRandom(7);
  const make = (n: number, dim: number, f: () => number) =>
    Float32Array.from({ length: n * dim }, f);

  it('is available here and scores rows as the double-precision definition, to float32', () => {
    const dim = 16;
    const v = make(300, dim, () => rand() * 4 - 2);
    const s = simdScanner(v, dim)!;
    expect(s).not.toBeNull();
    const q = v.slice(5 * dim, 6 * dim);
    const l2 = simdScores(s, q, 'l2').slice();
    const dot = simdScores(s, q, 'dot').slice();
    for (let i = 0; i < 300; i++) {
      let d = 0;
      let p = 0;
      for (let j = 0; j < dim; j++) {
        d += (v[i * dim + j]! - q[j]!) ** 2;
        p += v[i * dim + j]! * q[j]!;
      }
      expect(Math.abs(l2[i]! - d)).toBeLessThanOrEqual(1e-5 * Math.max(1, d));
      expect(Math.abs(dot[i]! - p)).toBeLessThanOrEqual(1e-5 * dim * 4);
    }
    // dims that are not a multiple of 8 stay on the JS scan
    expect(simdScanner(make(10, 12, rand), 12)).toBeNull();
  });

  it('gives exactly the JS scan’s answer: metrics, cohorts, excluded rows, nulls', () => {
    const dim = 32;
    const n = 3000;
    const v = make(n, dim, () => rand() * 2 - 1);
    for (let i = 0; i < n; i += 97) v[i * dim] = NaN; // null rows
    const norms = rowNorms(v, dim);
    const mask = Uint8Array.from({ length: n }, () => (rand() < 0.6 ? 1 : 0));
    for (const metric of ['euclidean', 'cosine'] as const)
      for (const m of [null, mask])
        for (const row of [0, 17, 2999]) {
          const q = v.slice(row * dim, (row + 1) * dim);
          q[0] = rand(); // the query itself need not be a row
          const opts = { k: 10, metric, mask: m, exclude: row };
          const js = nearest(v, dim, norms, q, { ...opts, simd: false });
          const fast = nearest(v, dim, norms, q, opts);
          expect(Array.from(fast.rows)).toEqual(Array.from(js.rows));
          expect(Array.from(fast.distances)).toEqual(Array.from(js.distances));
        }
  });

  it('falls back to the JS scan when float32 cannot separate the candidates (near-ties)', () => {
    const dim = 8;
    const n = 200;
    // 100 rows within float32 rounding of each other, then far rows: more near-ties than the
    // margin, so only the exact scan can order them; ties go to the lower row index.
    const v = make(n, dim, () => 0);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < dim; j++) v[i * dim + j] = i < 100 ? 1 + (i % 3) * 2 ** -23 : 50 + rand();
    const norms = rowNorms(v, dim);
    const q = new Float32Array(dim).fill(0.5);
    for (const metric of ['euclidean', 'cosine'] as const) {
      const js = nearest(v, dim, norms, q, { k: 10, metric, simd: false });
      const fast = nearest(v, dim, norms, q, { k: 10, metric });
      expect(Array.from(fast.rows)).toEqual(Array.from(js.rows));
      expect(Array.from(fast.distances)).toEqual(Array.from(js.distances));
    }
  });
});
