import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './bh';
import { mcnemar, MCNEMAR_EXACT_BELOW } from './mcnemar';
import { chi2Sf1, erfc, normalSf } from './normal';
import { wilson } from './wilson';

describe('wilson', () => {
  it('matches the hand-worked 0/10 and 10/10 intervals', () => {
    // p = 0, n = 10, z² = 3.8416: denom = 1.38416, center = (3.8416/20)/1.38416 = 0.138770,
    // half = (1.96/1.38416)·√(3.8416/400) = 1.416022·0.098 = 0.138770 → [0, 0.277540].
    const { lo, hi } = wilson(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.27754, 5);
    // Symmetry: 10/10 mirrors 0/10.
    const full = wilson(10, 10);
    expect(full.hi).toBe(1);
    expect(full.lo).toBeCloseTo(1 - hi, 12);
  });

  it('is NaN for n = 0 and rejects impossible counts', () => {
    expect(wilson(0, 0)).toEqual({ lo: NaN, hi: NaN });
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
  });
});

describe('mcnemar', () => {
  it('uses the exact binomial below 25 discordant pairs (hand-worked b = 2, c = 9)', () => {
    // n = 11: P(X ≤ 2) = (C(11,0) + C(11,1) + C(11,2)) / 2^11 = (1 + 11 + 55)/2048 = 67/2048.
    const r = mcnemar(2, 9);
    expect(r).toEqual({ b: 2, c: 9, statistic: 2, p: 134 / 2048, exact: true });
    expect(MCNEMAR_EXACT_BELOW).toBe(25);
  });

  it('uses the continuity-corrected chi-square from 25 on (hand-worked b = 30, c = 18)', () => {
    // (|30 − 18| − 1)² / 48 = 121/48.
    const r = mcnemar(30, 18);
    expect(r.exact).toBe(false);
    expect(r.statistic).toBe(121 / 48);
    expect(r.p).toBe(chi2Sf1(121 / 48));
    expect(mcnemar(13, 12).exact).toBe(false);
    expect(mcnemar(12, 12).exact).toBe(true);
  });

  it('gives p = 1 with no evidence, is symmetric in b and c, and rejects bad counts', () => {
    expect(mcnemar(0, 0).p).toBe(1);
    expect(mcnemar(7, 7).p).toBe(1);
    expect(mcnemar(40, 40).p).toBe(1);
    expect(mcnemar(40, 41).p).toBe(1); // |b − c| − 1 floored at 0
    expect(mcnemar(3, 17).p).toBe(mcnemar(17, 3).p);
    expect(() => mcnemar(1.5, 2)).toThrow(RangeError);
    expect(() => mcnemar(-1, 2)).toThrow(RangeError);
  });
});

describe('benjaminiHochberg', () => {
  it('matches the hand-worked adjustment', () => {
    // Sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4); m = 4; p·m/rank = 0.02, 0.02, 0.04,
    // 0.04, already monotone. Back in input order: 0.02, 0.04, 0.04, 0.02.
    const r = benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.03);
    Array.from(r.q).forEach((q, i) => expect(q).toBeCloseTo([0.02, 0.04, 0.04, 0.02][i]!, 15));
    expect(Array.from(r.significant)).toEqual([1, 0, 0, 1]);
  });

  it('enforces monotonicity and the cap at 1', () => {
    // raw: 0.04·2/1 = 0.08 > 0.045·2/2 = 0.045 → the smaller one is carried down.
    const r = benjaminiHochberg([0.045, 0.04]);
    expect(Array.from(r.q)).toEqual([0.045, 0.045]);
    expect(Array.from(benjaminiHochberg([0.9, 0.8, 0.99]).q).every((q) => q <= 1)).toBe(true);
  });

  it('leaves NaN p-values out of m and out of the discoveries', () => {
    const r = benjaminiHochberg([NaN, 0.01, NaN, 0.02]);
    expect(r.m).toBe(2);
    expect(r.q[0]).toBeNaN();
    expect(r.q[1]).toBeCloseTo(0.02, 15);
    expect(Array.from(r.significant)).toEqual([0, 1, 0, 1]);
    expect(benjaminiHochberg([]).m).toBe(0);
  });
});

describe('normal tails', () => {
  it('hits textbook values', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(-1.3) + erfc(1.3)).toBeCloseTo(2, 15);
    expect(normalSf(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(chi2Sf1(3.841458820694124)).toBeCloseTo(0.05, 14);
    expect(chi2Sf1(0)).toBe(1);
    expect(erfc(30)).toBe(0);
  });
});
