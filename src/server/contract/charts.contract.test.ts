import { describe, expect, it } from 'vitest';
import type { Calibrations, Density, Distributions } from '../../protocol';
import type { Predicate } from '../../shared/predicate';
import { HOSTILE, hostileRoles } from '../../test/sqlHostile';
import { type Contract, expectClose, openFixtures } from '../../test/serverContract';

// Compare's charts: the same bins and counts from DuckDB as from the tab's typed arrays.
describe('contract charts: distributions, density and calibration', () => {
  let wide: Contract;
  let hostile: Contract;
  openFixtures((w, h) => {
    wide = w;
    hostile = h;
  });

  it('multiclass (wide-snappy.parquet): confidence histograms, density and reliability bins', async () => {
    await wide.ask('analyse', wide.opened[0].summary!.inferred);
    const de: Predicate = { op: 'in', column: 'country', values: ['DE'] };
    for (const cohort of [null, de]) {
      for (const bins of [10, 7]) {
        const [a, b] = await wide.ask('scoreDistributions', { cohort, bins });
        expectClose(b, a, `distributions ${bins}`);
        const [c, d] = await wide.ask('calibrationCurves', { cohort, bins });
        expectClose(d, c, `calibration ${bins}`);
        const [e, f] = await wide.ask('scoreDensity', { cohort, a: 'v1', b: 'v2', bins });
        expectClose(f, e, `density ${bins}`);
      }
    }
    // Not vacuous: 500 rows binned, each version's confidences spread over several bins.
    const [, d] = await wide.ask('scoreDistributions', { cohort: null, bins: 10 });
    const dist = d as Distributions;
    expect(dist.kind).toBe('confidence');
    expect(dist.versions.map((v) => v.nAll)).toEqual([500, 500]);
    expect(dist.versions[0]!.all.filter((x) => x > 0).length).toBeGreaterThan(2);
    const [, c] = await wide.ask('calibrationCurves', { cohort: de, bins: 10 });
    expect((c as Calibrations).versions[0]!.n).toBeGreaterThan(50);
  });

  it('binary with NaN, null and FLOAT scores, a threshold drawn on the axis, hostile names', async () => {
    await hostile.ask('analyse', hostileRoles.binary);
    const f: Predicate = { op: 'range', column: HOSTILE.float, min: -0.5, max: 0.5 };
    for (const cohort of [null, f]) {
      for (const include of [undefined, [0.35], [1.7]]) {
        const [a, b] = await hostile.ask('scoreDistributions', { cohort, bins: 20, include });
        expectClose(b, a, `distributions ${String(include)}`);
        const [e, g] = await hostile.ask('scoreDensity', {
          cohort,
          a: 's1',
          b: 's2',
          bins: 9,
          include,
        });
        expectClose(g, e, `density ${String(include)}`);
      }
      const [c, d] = await hostile.ask('calibrationCurves', { cohort, bins: 15 });
      expectClose(d, c, 'calibration');
    }
    // Values on bin edges (scores are multiples of 0.01, bins of 0.05): counts equal, not close.
    const [a] = await hostile.ask('scoreDensity', { cohort: null, a: 's1', b: 's2', bins: 20 });
    expect((a as Density).n).toBeGreaterThan(200);
  });

  it('regression: predicted values over their own range; no calibration', async () => {
    await hostile.ask('analyse', hostileRoles.regression);
    const [a, b] = await hostile.ask('scoreDistributions', { cohort: null, bins: 12 });
    expectClose(b, a);
    expect((b as Distributions).kind).toBe('prediction');
    const [c, d] = await hostile.ask('calibrationCurves', { cohort: null, bins: 12 });
    expectClose(d, c);
    // The tab's message for a regression (no class label); the server gives the same one.
    expect((d as Calibrations).kind).toBeNull();
    expect((d as Calibrations).versions).toEqual([]);
  });
});
