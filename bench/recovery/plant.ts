// Seeded synthetic evaluation sets with planted slices, for the slice finder's recovery bench.
import type { Column } from '../../src/data/types';
import { Xoshiro128 } from '../../src/engine/stats/prng';

export interface Planted {
  columns: Column[];
  /** Correctness per row (1 right, 0 wrong) of the baseline and of the new version. */
  baseline: Uint8Array;
  version: Uint8Array;
  /** Rows of each planted regression slice, and of each decoy (1 = in it). */
  planted: Uint8Array[];
  decoys: Uint8Array[];
}

export interface PlantOptions {
  n: number;
  seed: number;
  /** Share of rows in each planted slice: 0.1 (one condition) or 0.1 / m (two conditions). */
  size: number;
  /** Net rise of the version's error rate inside a planted slice (0.1 = 10 points). */
  effect: number;
}

// The baseline errs on 15% of rows. Elsewhere the version breaks 3% of the baseline's right
// answers and fixes 17% of its wrong ones: 2.55% of rows flip each way, no net change.
const BASE_ERROR = 0.15;
const BREAK = 0.03;
const FIX = (BREAK * (1 - BASE_ERROR)) / BASE_ERROR;
// Decoys: five times the churn (12.75% of rows each way), still no net change.
const DECOY_BREAK = 0.15;
const DECOY_FIX = 0.85;

const cat = (name: string, codes: Int32Array, k: number): Column => ({
  kind: 'string',
  name,
  codes,
  dictionary: Array.from({ length: k }, (_, j) => `${name}_${j}`),
});

/**
 * Features: p1, p2 (10 categories) and s1, s2 (m categories) define the two planted slices
 * (p = 3 and s = 1, or p = 3 alone at 10%); d1 (20 categories) and d2 (10) the decoys
 * (d1 = 0: 5% of rows; d2 = 0: 10%); then noise: four uniform numbers, two categoricals, a flag.
 */
export function plant(o: PlantOptions): Planted {
  const rng = new Xoshiro128(o.seed);
  const m = Math.max(1, Math.round(0.1 / o.size));
  const cats: [string, number][] = [
    ['p1', 10],
    ['s1', m > 1 ? m : 5],
    ['p2', 10],
    ['s2', m > 1 ? m : 5],
    ['d1', 20],
    ['d2', 10],
    ['c0', 8],
    ['c1', 3],
  ];
  const codes = cats.map(() => new Int32Array(o.n));
  const nums = Array.from({ length: 4 }, () => new Float64Array(o.n));
  const flag = new Uint8Array(o.n);
  const planted = [new Uint8Array(o.n), new Uint8Array(o.n)];
  const decoys = [new Uint8Array(o.n), new Uint8Array(o.n)];
  const baseline = new Uint8Array(o.n);
  const version = new Uint8Array(o.n);
  const breakIn = BREAK + o.effect / (1 - BASE_ERROR);
  for (let i = 0; i < o.n; i++) {
    cats.forEach(([, k], f) => (codes[f]![i] = Math.floor(rng.nextFloat() * k)));
    for (const x of nums) x[i] = rng.nextFloat();
    flag[i] = rng.nextFloat() < 0.5 ? 1 : 0;
    const [p1, s1, p2, s2, d1, d2] = [0, 1, 2, 3, 4, 5].map((f) => codes[f]![i]!);
    planted[0]![i] = p1 === 3 && (m === 1 || s1 === 1) ? 1 : 0;
    planted[1]![i] = p2 === 3 && (m === 1 || s2 === 1) ? 1 : 0;
    decoys[0]![i] = d1 === 0 ? 1 : 0;
    decoys[1]![i] = d2 === 0 ? 1 : 0;
    const inPlanted = planted[0]![i]! || planted[1]![i]!;
    const inDecoy = decoys[0]![i]! || decoys[1]![i]!;
    const right = rng.nextFloat() >= BASE_ERROR;
    baseline[i] = right ? 1 : 0;
    const u = rng.nextFloat();
    if (right) {
      const p = inPlanted ? breakIn : inDecoy ? DECOY_BREAK : BREAK;
      version[i] = u < Math.min(1, p) ? 0 : 1;
    } else version[i] = u < (inDecoy && !inPlanted ? DECOY_FIX : FIX) ? 1 : 0;
  }
  const columns: Column[] = [
    ...cats.map(([name, k], f) => cat(name, codes[f]!, k)),
    ...nums.map((values, j): Column => ({
      kind: 'numeric',
      name: `n${j}`,
      values,
      integral: false,
    })),
    { kind: 'boolean', name: 'flag', values: flag },
  ];
  return { columns, baseline, version, planted, decoys };
}
