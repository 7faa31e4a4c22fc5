import { describe, expect, it } from 'vitest';
import { poissonWeight } from './poisson';
import { rankPass, singlesPass, type RankedScore } from './poissonPasses';
import { resampleKey } from './poisson';
import { Xoshiro128 } from './prng';

// singlesPass (continuous scores, issue 15) restructures rankPass's per-group step for one-row
// groups and sums the Mann–Whitney integers per block; AUC and AP must stay rankPass's to the
// last bit, on untied scores, with a few ties mixed in, and with many ties. Both are also checked
// against an independent sum over poissonWeight(seed, r, row) for AUC (an exact integer ratio).

/** Rows in descending score order, tie groups from equal values (a sort of [score, row]). */
function ranked(score: Float64Array, labels: Uint8Array): RankedScore {
  const order = Array.from(score.keys()).sort((a, b) => score[b]! - score[a]! || a - b);
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

/** Scores: continuous, then `tied` of the rows copied from another row's score. */
function data(n: number, seed: number, tied: number, grid = 0) {
  const g = new Xoshiro128(seed);
  const labels = new Uint8Array(n);
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = g.nextFloat() < 0.3 ? 1 : 0;
    const z = g.nextNormal() + labels[i]!;
    score[i] = grid ? Math.round(z * grid) / grid : z;
  }
  for (let t = 0; t < tied; t++) score[Math.floor(g.nextFloat() * n)] = score[t * 7]!;
  return { labels, score };
}

/** AUC of resample r by pairs: Σ over (positive, negative) of w·w' (1, ½ when tied) / (P·N). */
function pairAuc(seed: number, r: number, score: Float64Array, labels: Uint8Array) {
  let num = 0;
  let p = 0;
  let q = 0;
  const n = score.length;
  for (let i = 0; i < n; i++) {
    const wi = poissonWeight(seed, r, i);
    if (labels[i] === 1) p += wi;
    else q += wi;
    if (labels[i] !== 1 || wi === 0) continue;
    for (let k = 0; k < n; k++) {
      if (labels[k] === 1) continue;
      const wk = poissonWeight(seed, r, k);
      if (score[i]! > score[k]!) num += 2 * wi * wk;
      else if (score[i] === score[k]) num += wi * wk;
    }
  }
  return num / (2 * p * q);
}

function both(s: RankedScore, key: number) {
  const a = { auc: new Float64Array(2), ap: new Float64Array(2) };
  const b = { auc: new Float64Array(2), ap: new Float64Array(2) };
  rankPass(s, key, 0, true, a.auc, a.ap);
  singlesPass(s, key, 0, true, b.auc, b.ap);
  return { general: a, singles: b };
}

describe('singlesPass gives rankPass’s AUC and AP bit for bit', () => {
  const seed = 29;
  const cases: [string, number, number, number][] = [
    // [name, rows, rows given another row's score, rounding grid (0: none)]
    ['untied continuous scores', 5000, 0, 0],
    ['a few ties mixed in (2 % of rows)', 5000, 100, 0],
    ['many ties (scores on a grid of 1/20)', 5000, 0, 20],
    ['long tie groups (a grid of 1/2)', 3000, 0, 2],
  ];
  for (const [name, n, tied, grid] of cases) {
    it(name, () => {
      const d = data(n, 3, tied, grid);
      const s = ranked(d.score, d.labels);
      if (tied > 0) expect(s.groupEnd.length).toBeLessThan(n); // ties really are there
      if (tied === 0 && grid === 0) expect(s.groupEnd.length).toBe(n);
      for (let pair = 0; pair < 6; pair++) {
        const { general, singles } = both(s, resampleKey(seed, pair));
        for (const k of [0, 1]) {
          expect(Object.is(singles.auc[k], general.auc[k])).toBe(true);
          expect(Object.is(singles.ap[k], general.ap[k])).toBe(true);
          expect(singles.auc[k]).toBeGreaterThan(0.5); // a real, informative score
        }
      }
    });
  }

  it('AUC equals the pairwise definition under the same weights (ties count ½)', () => {
    const d = data(400, 11, 20, 0);
    const s = ranked(d.score, d.labels);
    for (let pair = 0; pair < 3; pair++) {
      const { singles } = both(s, resampleKey(seed, pair));
      expect(singles.auc[0]).toBeCloseTo(pairAuc(seed, 2 * pair, d.score, d.labels), 12);
      expect(singles.auc[1]).toBeCloseTo(pairAuc(seed, 2 * pair + 1, d.score, d.labels), 12);
    }
  });

  it('one class only gives NaN AUC, as rankPass; no rows gives NaN for both', () => {
    const d = data(300, 5, 0, 0);
    const s = ranked(d.score, new Uint8Array(300).fill(1));
    const { general, singles } = both(s, resampleKey(seed, 0));
    expect(singles.auc[0]).toBeNaN();
    expect(singles.ap[0]).toBe(general.ap[0]);
    expect(singles.ap[0]).toBe(1);
    const empty = {
      rows: new Uint32Array(0),
      positive: new Uint8Array(0),
      groupEnd: new Uint32Array(0),
    };
    const e = both(empty, resampleKey(seed, 0));
    expect(e.singles.auc[0]).toBeNaN();
    expect(e.singles.ap[0]).toBeNaN();
  });

  it('sums past int32 in a block stay exact (a large tie group after single rows)', () => {
    // 50k positives with distinct scores, then 50k negatives tied: the group's step
    // n·(2·pa + gp) ≈ 50k · 100k = 5e9 exceeds int32 inside one block of rows.
    const n = 100_000;
    const score = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 + i / n : 0.5));
    const labels = Uint8Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0));
    const s = ranked(score, labels);
    expect(s.groupEnd.length).toBe(n / 2 + 1);
    for (let pair = 0; pair < 3; pair++) {
      const { general, singles } = both(s, resampleKey(seed, pair));
      for (const k of [0, 1]) {
        expect(Object.is(singles.auc[k], general.auc[k])).toBe(true);
        expect(Object.is(singles.ap[k], general.ap[k])).toBe(true);
      }
      expect(singles.auc[0]).toBe(1); // every positive above every negative
    }
  });
});
