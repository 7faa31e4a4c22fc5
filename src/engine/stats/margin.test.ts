import { describe, expect, it } from 'vitest';
import { binomialMarginP, clopperPearson, normalMarginP, pairedDifference } from './margin';

// References: scipy 1.17.1 on this machine.
//   binomtest(3, 200).proportion_ci(method='exact') = (0.003104107621555085, 0.043208281917709784)
//   binomtest(0, 50).proportion_ci(method='exact')  = (0.0, 0.07112173646420458)
//   binom.sf(2, 200, 0.005) = 0.07983943195297737;  binom.cdf(3, 200, 0.03) = 0.14715119408240107
// Agresti–Min by hand (x + ½, y + ½, n + 2), checked with python's math and norm.sf:
//   x = 2, y = 0, n = 40:  center 2/42 = 0.047619…, se √(3 − 2²/42)/42 = 0.04057943348792127,
//   interval −0.03191518053031667 … 0.1271532757684119; vs a 1-point limit:
//   norm.sf(|0.047619 − 0.01| / se) = 0.1769510306268341.
describe('tests against a margin', () => {
  it('Clopper–Pearson matches scipy', () => {
    const a = clopperPearson(3, 200);
    expect(a.lo).toBeCloseTo(0.003104107621555085, 12);
    expect(a.hi).toBeCloseTo(0.043208281917709784, 12);
    const b = clopperPearson(0, 50);
    expect(b.lo).toBe(0);
    expect(b.hi).toBeCloseTo(0.07112173646420458, 12);
  });

  it('exact binomial p toward the side k / n lies on', () => {
    // 3 of 200 (1.5%) against 0.5%: above, P(X ≥ 3).
    expect(binomialMarginP(3, 200, 0.005)).toBeCloseTo(0.07983943195297737, 12);
    // 3 of 200 against 3%: below, P(X ≤ 3).
    expect(binomialMarginP(3, 200, 0.03)).toBeCloseTo(0.14715119408240107, 12);
  });

  it('Agresti–Min paired difference and its normal p against the limit', () => {
    const d = pairedDifference(2, 0, 40);
    expect(d.d).toBe(0.05);
    expect(d.center).toBeCloseTo(2 / 42, 15);
    expect(d.se).toBeCloseTo(0.04057943348792127, 14);
    expect(d.lo).toBeCloseTo(-0.03191518053031667, 12);
    expect(d.hi).toBeCloseTo(0.1271532757684119, 12);
    expect(normalMarginP(d.center, d.se, 0.01)).toBeCloseTo(0.1769510306268341, 12);
  });
});
