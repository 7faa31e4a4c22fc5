import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './bh';
import { mcnemar } from './mcnemar';
import { chi2Sf1 } from './normal';
import { expectAllRel, expectRel, reference as ref } from './referenceFixture';
import { wilson } from './wilson';

describe(`stats vs numpy ${ref.numpy} / scipy ${ref.scipy} reference`, () => {
  it.each(ref.wilson.map((c) => [`${c.successes}/${c.n} z=${c.z}`, c] as const))(
    'wilson %s',
    (_, c) => {
      const { lo, hi } = wilson(c.successes, c.n, c.z);
      // Absolute tolerance: a bound of exactly 0 has no relative scale.
      if (c.lo === null || c.hi === null) return void expect([lo, hi]).toEqual([NaN, NaN]);
      expect(Math.abs(lo - c.lo)).toBeLessThan(1e-13);
      expect(Math.abs(hi - c.hi)).toBeLessThan(1e-13);
    },
  );

  it('chi-square(1) survival matches scipy.stats.chi2.sf over 17 orders of magnitude', () => {
    for (const c of ref.chi2) expectRel(chi2Sf1(c.x), c.sf, 1e-12);
  });

  it.each(ref.mcnemar.map((c) => [`b=${c.b} c=${c.c}`, c] as const))('mcnemar %s', (_, c) => {
    const r = mcnemar(c.b, c.c);
    expect(r.exact).toBe(c.exact);
    expect([r.b, r.c]).toEqual([c.b, c.c]);
    expectRel(r.statistic, c.statistic, 1e-12);
    expectRel(r.p, c.p, 1e-11);
  });

  it.each(ref.bh.map((c, i) => [i, c] as const))('benjamini-hochberg case %i', (_, c) => {
    const r = benjaminiHochberg(
      c.p.map((v) => v ?? NaN),
      c.fdr,
    );
    expect(r.m).toBe(c.m);
    expectAllRel(r.q, c.q, 1e-12);
    expect(Array.from(r.significant)).toEqual(c.significant);
  });
});
