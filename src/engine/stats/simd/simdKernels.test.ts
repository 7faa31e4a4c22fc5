import { describe, expect, it } from 'vitest';
import { POISSON16, poissonWeight } from '../poisson';
import {
  blockInto,
  emptyReplicates,
  pairInto,
  type RankedScore,
  type ReplicateInput,
  type Replicates,
  replicatePlan,
} from '../poissonBootstrap';
import { Xoshiro128 } from '../prng';
import { poissonThresholds } from './kernels';
import { SIMD_PAIRS } from './poissonSimd';

// The WebAssembly SIMD kernels must give the JS passes' replicates bit for bit (Object.is on
// every replicate), on inputs with every awkward case: untied scores, a few ties, long tie
// groups, NaN and missing values in the means, proportions with skipped outcomes (> 1), a cohort,
// one-class scores, an odd resample count (the last block part empty).

function ranked(score: Float64Array, labels: Uint8Array, rows: Uint32Array | null): RankedScore {
  const keep = rows ? new Set(rows) : null;
  const order = Array.from(score.keys())
    .filter((i) => !keep || keep.has(i))
    .filter((i) => score[i] === score[i])
    .sort((a, b) => score[b]! - score[a]! || a - b);
  const ends: number[] = [];
  order.forEach((i, k) => {
    if (k + 1 === order.length || score[order[k + 1]!] !== score[i]) ends.push(k + 1);
  });
  return {
    rows: Uint32Array.from(order),
    positive: Uint8Array.from(order, (i) => labels[i]!),
    groupEnd: Uint32Array.from(ends),
  };
}

function input(n: number, seed: number, cohort: boolean): ReplicateInput {
  const g = new Xoshiro128(seed);
  const labels = new Uint8Array(n);
  const untied = new Float64Array(n);
  const someTies = new Float64Array(n);
  const longTies = new Float64Array(n);
  const mixed = new Float64Array(n);
  const thirds = new Float64Array(n);
  const oneClass = new Float64Array(n);
  const loss = new Float64Array(n);
  const loss32 = new Float32Array(n);
  const outcome = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = g.nextFloat() < 0.3 ? 1 : 0;
    untied[i] = g.nextNormal() + labels[i]!;
    someTies[i] = i % 50 === 0 ? untied[(i * 7) % n]! : untied[i]! + 0.001 * g.nextNormal();
    // Long tie groups, and a missing score now and then (left out of the ranking).
    longTies[i] = i % 31 === 0 ? NaN : Math.round(g.nextNormal() + labels[i]!);
    // Half the rows untied, half in long tie groups: the one-row pass with group steps.
    mixed[i] = i % 2 ? untied[i]! : Math.round(untied[i]! * 10) / 10;
    // About n/3 distinct values, groups of ~3: the group-by-group pass.
    thirds[i] = Math.floor(g.nextFloat() * (n / 3) + labels[i]! * 40);
    oneClass[i] = g.nextNormal();
    loss[i] = i % 7 === 0 ? NaN : Math.abs(untied[i]! - labels[i]!) * 1.37;
    loss32[i] = i % 11 === 0 ? NaN : Math.fround(g.nextNormal() * 3.1);
    outcome[i] = i % 13 === 0 ? 255 : i % 3 === 0 ? 1 : 0;
  }
  const rows = cohort
    ? Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1)
    : null;
  const negatives = new Uint8Array(n);
  return {
    rows,
    n,
    proportions: [outcome, labels],
    means: [loss, loss32, untied, someTies, loss],
    ranked: [
      ranked(untied, labels, rows),
      ranked(someTies, labels, rows),
      ranked(longTies, labels, rows),
      ranked(mixed, labels, rows),
      ranked(thirds, labels, rows),
      ranked(oneClass, negatives, rows),
    ],
  };
}

const series = (r: Replicates) => [...r.proportions, ...r.means, ...r.auc, ...r.ap];

async function byPlan(inp: ReplicateInput, resamples: number, seed: number, simd: boolean) {
  const plan = replicatePlan(inp, { simd });
  const out = emptyReplicates(inp, resamples);
  if (simd) {
    expect(plan.simd).not.toBeNull();
    for (let b = 0; b * 2 * SIMD_PAIRS < resamples; b++)
      await blockInto(plan, seed, b, resamples, out, null);
  } else
    for (let at = 0; at < resamples; at += 2) await pairInto(plan, seed, at, resamples, out, null);
  return out;
}

describe('WebAssembly SIMD bootstrap kernels', () => {
  it('count the Poisson thresholds to the table’s weight for every 16-bit uniform', () => {
    const t = poissonThresholds();
    for (let u = 0; u < 65536; u++) expect(t.filter((x) => u >= x).length).toBe(POISSON16[u]);
  });

  for (const cohort of [false, true])
    it(`give the JS passes' replicates bit for bit (${cohort ? 'a cohort' : 'all rows'})`, async () => {
      const inp = input(5000, cohort ? 3 : 4, cohort);
      const plan = replicatePlan(inp);
      // Every proportion and row-order mean, and every score but the one with few tie groups
      // (summed per group in row order, in JS), on SIMD here.
      expect(plan.simd!.share).toEqual({
        proportions: [0, 1],
        means: [0, 1, 2, 3, 4],
        ranked: [0, 1, 3, 4, 5],
      });
      expect(plan.scatter.map((c) => !!c)).toEqual([false, false, true, false, false, false]);
      const resamples = 37;
      const js = await byPlan(inp, resamples, 11, false);
      const simd = await byPlan(inp, resamples, 11, true);
      const a = series(js);
      const b = series(simd);
      let differ = 0;
      a.forEach((x, i) => x.forEach((v, r) => (differ += Object.is(v, b[i]![r]) ? 0 : 1)));
      expect(differ).toBe(0);
      // Not trivially equal: replicates vary, one-class AUC is NaN, AP of it too.
      expect(new Set(simd.auc[0]).size).toBeGreaterThan(30);
      expect(new Set(simd.means[1]).size).toBeGreaterThan(30);
      expect(simd.auc[5]!.every((v) => Number.isNaN(v))).toBe(true);
    });

  it('a mean is Σ v·w / Σ w over poissonWeight (an independent sum)', async () => {
    const inp = input(800, 9, true);
    const out = await byPlan(inp, 10, 5, true);
    const rows = inp.rows!;
    for (let r = 0; r < 10; r++) {
      let a = 0;
      let b = 0;
      for (const i of rows) {
        const v = inp.means[0]![i]!;
        if (Number.isNaN(v)) continue;
        const w = poissonWeight(5, r, i);
        a += w;
        b += v * w;
      }
      expect(out.means[0]![r]).toBe(b / a);
    }
  });
});
