// Seeded synthetic data for the slice finder's tests and timing run (not used by the app).
import type { Column } from '../../data/types';
import { Xoshiro128 } from '../stats/prng';

export interface Synthetic {
  columns: Column[];
  /** Uniform [0, 1) per row, for planting outcomes. */
  rng: Xoshiro128;
  n: number;
}

const cat = (name: string, k: number, codes: Int32Array): Column => ({
  kind: 'string',
  name,
  codes,
  dictionary: Array.from({ length: k }, (_, j) => `${name}${j}`),
});

/**
 * Columns: a (5 categories), b (uniform), c (normal, 5% null), d (boolean), g (8 categories),
 * then `extra` uniform noise features x0…; plus h (40 categories: more than are candidates).
 */
export function synthetic(n: number, seed: number, extra = 3): Synthetic {
  const rng = new Xoshiro128(seed);
  const a = new Int32Array(n);
  const g = new Int32Array(n);
  const h = new Int32Array(n);
  const b = new Float64Array(n);
  const c = new Float32Array(n);
  const d = new Uint8Array(n);
  const xs = Array.from({ length: extra }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    a[i] = Math.floor(rng.nextFloat() * 5);
    g[i] = Math.floor(rng.nextFloat() * 8);
    h[i] = Math.floor(rng.nextFloat() * 40);
    b[i] = rng.nextFloat();
    c[i] = rng.nextFloat() < 0.05 ? NaN : rng.nextNormal();
    d[i] = rng.nextFloat() < 0.5 ? 1 : 0;
    for (const x of xs) x[i] = rng.nextFloat();
  }
  const columns: Column[] = [
    cat('a', 5, a),
    { kind: 'numeric', name: 'b', values: b, integral: false },
    { kind: 'numeric', name: 'c', values: c, integral: false },
    { kind: 'boolean', name: 'd', values: d },
    cat('g', 8, g),
    cat('h', 40, h),
    ...xs.map((values, j): Column => ({ kind: 'numeric', name: `x${j}`, values, integral: false })),
  ];
  return { columns, rng, n };
}

/** Correctness (1 right, 0 wrong) with an error probability per row. */
export function outcomes(rng: Xoshiro128, errorRate: (i: number) => number, n: number) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.nextFloat() < errorRate(i) ? 0 : 1;
  return out;
}
