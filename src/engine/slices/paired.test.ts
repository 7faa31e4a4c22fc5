import { describe, expect, it } from 'vitest';
import { mcnemarWorse, netChange, pairedScore } from './paired';
import { pairedErrorRates } from './versions';

// Reference values from scipy 1.17.1 (python3, this machine):
//   scipy.stats.binomtest(10, 12, 0.5, alternative='greater').pvalue = 0.019287109375 (= 79/4096)
//   scipy.stats.norm.sf(2.5711793365317486)                          = 0.005067641364408816
//   scipy.stats.norm.sf((292 - 379 - 1) / sqrt(671))                 = 0.9996596069366548
//   scipy.stats.norm.sf((60 - 20 - 1) / sqrt(80))                    = 6.493246270986479e-06
// Agresti–Min interval by hand: (10.5 − 2.5) / 102 ± 1.96 · √(13 − 8² / 102) / 102
//   = 0.01084214068249871 … 0.1460206044155405 (norm.ppf(0.975) for 1.96).

const cell = (a: number, b: number, n: number) => ({ a, b, n, none: 0 });

describe('net change of a slice (paired classification)', () => {
  it('McNemar one-sided: exact below 25 discordant rows, continuity-corrected normal above', () => {
    expect(mcnemarWorse(10, 2)).toBeCloseTo(0.019287109375, 14);
    expect(mcnemarWorse(60, 20)).toBeCloseTo(6.493246270986479e-6, 15);
    expect(mcnemarWorse(0, 0)).toBe(1);
  });

  it('Agresti–Min interval for the net change', () => {
    const c = netChange(10, 2, 100);
    expect(c.d).toBeCloseTo(0.08, 15);
    expect(c.lo).toBeCloseTo(0.01084214068249871, 12);
    expect(c.hi).toBeCloseTo(0.1460206044155405, 12);
  });

  it('scores a hand-worked slice: the larger p of inside and vs outside', () => {
    // Slice: 10 c→w, 2 w→c of 100. Scope: 30 c→w, 30 w→c of 1,000 (rest: 20, 28 of 900).
    const s = pairedScore(cell(10, 2, 100), cell(30, 30, 1000));
    expect(s.effect).toBeCloseTo(0.08, 15);
    expect(s.rest).toBeCloseTo(-8 / 900, 15);
    // Inside: exact binomial 0.0193; outside: z = 2.5712, p = 0.00507. Both must hold.
    expect(s.p).toBeCloseTo(0.019287109375, 12);
    expect(s.z).toBeCloseTo(8 / Math.sqrt(12), 12); // min(McNemar z 2.309, 2.571)
    // When the comparison with the rest is the weaker one it decides.
    const t = pairedScore(cell(10, 2, 100), cell(130, 30, 1000));
    expect(t.p).toBeGreaterThan(0.019287109375);
  });

  it('does not report a slice that churns both ways and got better on balance', () => {
    // The example: region = north and plan = basic, 292 right→wrong, 379 wrong→right.
    const s = pairedScore(cell(292, 379, 3000), cell(900, 800, 40_000));
    expect(s.effect).toBeLessThan(0);
    expect(s.z).toBeLessThan(0);
    // p is the larger of inside (scipy: 0.99966) and vs outside (the rest got worse, so larger).
    expect(s.p).toBeGreaterThanOrEqual(0.9996596069366548 - 1e-12);
  });

  it("counts each version's errors over rows where both have an outcome", () => {
    const v = Uint8Array.from([1, 0, 0, 1, 2, 0]);
    const b = Uint8Array.from([1, 1, 0, 0, 0, 2]);
    const r = pairedErrorRates(Uint32Array.from([0, 1, 2, 3, 4, 5]), v, b);
    // Rows 0–3 count: version errs on 1, 2 (2 of 4); baseline on 2, 3 (2 of 4).
    expect(r.version.value).toBe(0.5);
    expect(r.baseline.value).toBe(0.5);
    expect(r.version.lo).toBeGreaterThan(0);
  });
});
