// Worker time of each request the Compare view sends at 1M rows (issue 15): the headline's point
// estimates, the panels' charts, the operating points and a match, on first visit and after a
// threshold edit. A measurement, not a test (no threshold):
//   npx vitest run --config bench/lib/interact/vitest.config.ts services
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { Session } from '../../../src/worker/session/session';
import { compareApi } from '../../../src/worker/services/compare/api';

const time = async (name: string, f: () => unknown) => {
  const t = performance.now();
  await f();
  console.log(`${name.padEnd(34)} ${(performance.now() - t).toFixed(1)} ms`);
};

it('Compare requests at 1M rows', async () => {
  const file = new URL('../../data/flights_1m.arrow', import.meta.url);
  const s = new Session();
  const r = s.openBytes([{ name: 'f.arrow', bytes: new Uint8Array(readFileSync(file)) }]);
  const api = compareApi(s);
  await time('analyse', () => s.analyse(r.summary!.inferred));
  await new Promise((res) => setTimeout(res, 3000)); // the warm-up (warm.ts)
  const visit = async (label: string, thr: Record<string, number>) => {
    const base = { cohort: null, thresholds: thr };
    await time(`${label} compare points`, () =>
      api.compare({ baseline: 'v1', cohorts: [], seed: 1, resamples: 0, thresholds: thr }),
    );
    await time(`${label} operatingPoints`, () => api.operatingPoints(base));
    await time(`${label} confusion`, () =>
      api.confusion({ cohort: null, a: 'v1', b: 'v2', top: 20 }),
    );
    await time(`${label} perClass`, () => api.perClass({ cohort: null, limit: 50 }));
    const include = Object.values(thr);
    await time(`${label} distributions`, () =>
      api.scoreDistributions({ cohort: null, bins: 40, include }),
    );
    await time(`${label} density`, () =>
      api.scoreDensity({ cohort: null, a: 'v1', b: 'v2', bins: 40, include }),
    );
    await time(`${label} calibration`, () => api.calibrationCurves({ cohort: null, bins: 10 }));
    await time(`${label} curves`, () => api.rocPrCurves({ ...base, baseline: 'v1', points: 300 }));
    await time(`${label} match`, () =>
      api.matchOperatingPoint({ ...base, baseline: 'v1', other: 'v2', by: 'fpr' }),
    );
  };
  await visit('first', { v1: 0.5, v2: 0.5 });
  await visit('edit', { v1: 0.5, v2: 0.3 });
  await visit('edit2', { v1: 0.5, v2: 0.35 });
}, 600_000);
