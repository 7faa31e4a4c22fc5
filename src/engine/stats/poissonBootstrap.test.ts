import { describe, expect, it } from 'vitest';
import { argsortFloats } from './argsort';
import { bootstrap, percentileInterval } from './bootstrap';
import { meanStatistic, rankStatistic } from './index';
import { Xoshiro128 } from './prng';
import { CancelledError, poissonReplicates, type RankedScore } from './poissonBootstrap';

/** Rows in descending score order with tie groups (what the compare service builds). */
function ranked(score: Float64Array, labels: Uint8Array): RankedScore {
  const asc = argsortFloats(score);
  const n = score.length;
  const rows = new Uint32Array(n);
  const positive = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    rows[k] = asc[n - 1 - k]!;
    positive[k] = labels[rows[k]!]!;
  }
  const ends: number[] = [];
  for (let k = 0; k < n; k++)
    if (k + 1 === n || score[rows[k + 1]!] !== score[rows[k]!]) ends.push(k + 1);
  return { rows, positive, groupEnd: Uint32Array.from(ends) };
}

/** AUC by counting pairs (ties ½): the definition, O(n²). */
function pairAuc(score: Float64Array, labels: Uint8Array): number {
  let u = 0;
  let pairs = 0;
  for (let i = 0; i < score.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < score.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      u += score[i]! > score[j]! ? 1 : score[i] === score[j] ? 0.5 : 0;
    }
  }
  return u / pairs;
}

function hand(n: number, seed: number) {
  const g = new Xoshiro128(seed);
  const labels = new Uint8Array(n);
  const score = new Float64Array(n);
  const outcome = new Uint8Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = g.nextFloat() < 0.3 ? 1 : 0;
    // Positives score higher on average; a coarse grid makes ties.
    score[i] = Math.round((g.nextNormal() + labels[i]!) * 10) / 10;
    outcome[i] = i % 10 < 7 ? 1 : i % 10 === 9 ? 2 : 0; // 7/9 of the usable rows succeed
    value[i] = i % 5 === 0 ? NaN : i % 4; // mean of 0,1,2,3 over the rows kept
  }
  return { labels, score, outcome, value };
}

describe('Poisson bootstrap replicates', () => {
  it('intervals cover the known values on hand cases', async () => {
    const n = 2000;
    const { labels, score, outcome, value } = hand(n, 11);
    const r = await poissonReplicates(
      { rows: null, n, proportions: [outcome], means: [value], ranked: [ranked(score, labels)] },
      400,
      5,
    );
    let meanTrue = 0;
    let kept = 0;
    for (let i = 0; i < n; i++)
      if (value[i] === value[i]) {
        meanTrue += value[i]!;
        kept++;
      }
    meanTrue /= kept;
    const known = [
      [r.proportions[0]!, 7 / 9],
      [r.means[0]!, meanTrue],
      [r.auc[0]!, pairAuc(score, labels)],
    ] as const;
    for (const [reps, truth] of known) {
      const ci = percentileInterval(reps, truth);
      expect(ci.failed).toBe(0);
      expect(ci.lo).toBeLessThan(truth);
      expect(ci.hi).toBeGreaterThan(truth);
      // Not a degenerate interval: a binomial-sized width, not zero and not the whole range.
      expect(ci.hi - ci.lo).toBeGreaterThan(0.005);
      expect(ci.hi - ci.lo).toBeLessThan(0.2);
    }
    // Average precision of the hand case lies in its interval too, which is inside (0, 1).
    const ap = percentileInterval(r.ap[0]!, NaN);
    expect(ap.lo).toBeGreaterThan(0.3);
    expect(ap.hi).toBeLessThan(1);
  });

  it('cohort rows restrict the resample: a cohort of only successes gives [1, 1]', async () => {
    const outcome = Uint8Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : 0));
    const rows = Uint32Array.from({ length: 50 }, (_, i) => i);
    const r = await poissonReplicates(
      { rows, n: 100, proportions: [outcome], means: [], ranked: [] },
      50,
      1,
    );
    const ci = percentileInterval(r.proportions[0]!, 1);
    expect([ci.lo, ci.hi]).toEqual([1, 1]);
  });

  it('the same seed gives the same replicates; another seed does not', async () => {
    const { labels, score, outcome, value } = hand(3000, 2);
    const input = {
      rows: null,
      n: 3000,
      proportions: [outcome],
      means: [value],
      ranked: [ranked(score, labels)],
    };
    const a = await poissonReplicates(input, 37, 9);
    const b = await poissonReplicates(input, 37, 9);
    const c = await poissonReplicates(input, 37, 10);
    expect(b).toEqual(a);
    expect(c.auc[0]).not.toEqual(a.auc[0]);
    // The first 37 of 64 resamples are the same 37: blocks do not change the draws.
    const longer = await poissonReplicates(input, 64, 9);
    expect(longer.auc[0]!.subarray(0, 37)).toEqual(a.auc[0]);
  });

  it('the same rows give paired replicates: a version against itself differs by exactly 0', async () => {
    const { labels, score } = hand(1000, 3);
    const s = ranked(score, labels);
    const r = await poissonReplicates(
      { rows: null, n: 1000, proportions: [], means: [], ranked: [s, s] },
      20,
      4,
    );
    for (let k = 0; k < 20; k++) expect(r.auc[1]![k]! - r.auc[0]![k]!).toBe(0);
  });

  it('stops with CancelledError once cancelled', async () => {
    const { outcome } = hand(1000, 4);
    let passes = 0;
    const run = poissonReplicates(
      { rows: null, n: 1000, proportions: [outcome], means: [], ranked: [] },
      200,
      1,
      { cancelled: () => ++passes > 3 },
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('agrees with the multinomial bootstrap (the exact resampling it approximates)', async () => {
    const n = 3000;
    const { labels, score, value } = hand(n, 21);
    const B = 2000;
    const r = await poissonReplicates(
      { rows: null, n, proportions: [], means: [value], ranked: [ranked(score, labels)] },
      B,
      8,
    );
    const pairs = [
      [percentileInterval(r.means[0]!, NaN), bootstrap(meanStatistic(value), B, { seed: 8 })],
      [
        percentileInterval(r.auc[0]!, NaN),
        bootstrap(rankStatistic('auc', labels, score), B, { seed: 8 }),
      ],
    ] as const;
    for (const [poisson, multinomial] of pairs) {
      const width = multinomial.hi - multinomial.lo;
      // Same sampling distribution up to Monte Carlo error (a few % of the width at B = 2000).
      expect(Math.abs(poisson.lo - multinomial.lo)).toBeLessThan(0.15 * width);
      expect(Math.abs(poisson.hi - multinomial.hi)).toBeLessThan(0.15 * width);
      expect(Math.abs(poisson.se / multinomial.se - 1)).toBeLessThan(0.1);
    }
  });
});
