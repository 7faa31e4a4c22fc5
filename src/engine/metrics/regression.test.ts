import { describe, expect, it } from 'vitest';
import { regressionSummary } from './regression';

const f64 = (xs: number[]) => Float64Array.from(xs);

// Hand-worked: y = 1 2 3 4, yhat = 2 2 2 6 → error yhat − y = 1 0 −1 2.
//   meanError = 2/4 = 0.5;  MAE = (1+0+1+2)/4 = 1;  MSE = (1+0+1+4)/4 = 1.5 → RMSE = √1.5
//   mean y = 2.5, SS_tot = 2.25+0.25+0.25+2.25 = 5, SS_res = 6 → R² = 1 − 6/5 = −0.2
function expectHandCase(s: ReturnType<typeof regressionSummary>): void {
  expect(s.n).toBe(4);
  expect(s.meanError).toBeCloseTo(0.5, 15);
  expect(s.mae).toBeCloseTo(1, 15);
  expect(s.rmse).toBeCloseTo(Math.sqrt(1.5), 15);
  expect(s.r2).toBeCloseTo(-0.2, 15);
}

describe('regressionSummary', () => {
  it('matches the hand-worked case in float64 and float32', () => {
    expectHandCase(regressionSummary(f64([1, 2, 3, 4]), f64([2, 2, 2, 6])));
    expectHandCase(
      regressionSummary(Float32Array.from([1, 2, 3, 4]), Float32Array.from([2, 2, 2, 6])),
    );
  });

  it('skips rows where either side is NaN, and masked rows', () => {
    const y = f64([1, NaN, 2, 3, 7, 100, 4]);
    const yhat = f64([2, 5, 2, 2, NaN, -100, 6]);
    expectHandCase(regressionSummary(y, yhat, Uint8Array.from([1, 1, 1, 1, 1, 0, 1])));
  });

  it('follows sklearn for constant y: 1 when exact, 0 otherwise', () => {
    expect(regressionSummary(f64([3, 3]), f64([3, 3])).r2).toBe(1);
    // error 0, 1 → SS_res 1 > 0 with SS_tot 0
    const s = regressionSummary(f64([3, 3]), f64([3, 4]));
    expect(s.r2).toBe(0);
    expect(s.mae).toBe(0.5);
    expect(s.meanError).toBe(0.5);
  });

  it('returns NaN R² for one row and all NaN for none', () => {
    const one = regressionSummary(f64([2]), f64([5]));
    expect([one.n, one.mae, one.rmse, one.meanError]).toEqual([1, 3, 3, 3]);
    expect(one.r2).toBeNaN();
    const none = regressionSummary(f64([NaN, 1]), f64([1, NaN]));
    expect(none.n).toBe(0);
    for (const v of [none.mae, none.rmse, none.r2, none.meanError]) expect(v).toBeNaN();
  });

  it('rejects mismatched lengths', () => {
    expect(() => regressionSummary(f64([1]), f64([1, 2]))).toThrow(RangeError);
  });
});
