import { describe, expect, it } from 'vitest';
import { binomialUpper, logGamma, studentSf } from './distributions';

describe('tail probabilities (values from scipy.stats)', () => {
  it('binomialUpper = binom.sf(k − 1, n, p)', () => {
    expect(binomialUpper(8, 20, 0.2)).toBeCloseTo(0.03214266308087516, 12);
    expect(binomialUpper(50, 1000, 0.03) / 0.000420766545248192).toBeCloseTo(1, 9);
    expect(binomialUpper(3, 1000, 0.03)).toBeCloseTo(0.9999999999698657, 12);
    expect(binomialUpper(0, 10, 0.5)).toBe(1);
    expect(binomialUpper(11, 10, 0.5)).toBe(0);
  });
  it('studentSf = t.sf(t, df)', () => {
    expect(studentSf(2, 10)).toBeCloseTo(0.03669401738537018, 12);
    expect(studentSf(-1.5, 3.7)).toBeCloseTo(0.8932009153989933, 12);
    expect(studentSf(5, 200) / 6.250990638857704e-7).toBeCloseTo(1, 8);
  });
});

describe('binomialUpper against exact sums', () => {
  // Exact values from Python's fractions: sum(comb(n, j) p^j (1 − p)^(n − j) for j ≥ k).
  const cases: [number, number, number, number][] = [
    [50, 1000, 0.02, 7.884716909458577e-9],
    [1, 20, 0.02, 0.3323920282449055],
    [3, 40, 0.1, 0.7771918756605971],
    [30, 1000, 0.02, 0.020696518673239506],
    [12, 1000, 0.02, 0.9795589254004117],
  ];
  it.each(cases)('P(X ≥ %i | n = %i, p = %f)', (k, n, p, want) => {
    expect(binomialUpper(k, n, p) / want).toBeCloseTo(1, 10);
  });
  it('logGamma matches log factorials', () => {
    let logFact = 0;
    for (let n = 1; n <= 170; n++) {
      logFact += Math.log(n);
      expect(logGamma(n + 1)).toBeCloseTo(logFact, 9);
    }
  });
});
