// Worker time of one threshold edit at 1M rows (issue 15), piece by piece: the re-analysis
// (predictions re-derived, overview metrics, sanity checks), then Compare's point estimates
// (per version: summary, AUC/AP, means; Δ accuracy; flips) and the operating points.
// A measurement, not a test:  npx vitest run --config bench/lib/interact/vitest.config.ts threshold
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { Session } from '../../../src/worker/session/session';
import { compareApi } from '../../../src/worker/services/compare/api';

it('one threshold edit at 1M rows', async () => {
  const file = new URL('../../data/flights_1m.arrow', import.meta.url);
  const s = new Session();
  const r = s.openBytes([{ name: 'f.arrow', bytes: new Uint8Array(readFileSync(file)) }]);
  const api = compareApi(s);
  s.analyse(r.summary!.inferred);
  await new Promise((res) => setTimeout(res, 3000)); // the warm-up (warm.ts)
  const req = (thr: Record<string, number>) => ({
    baseline: 'v1',
    cohorts: [],
    seed: 1,
    resamples: 0,
    thresholds: thr,
  });
  await api.compare(req({ v1: 0.5, v2: 0.5 }));
  await api.operatingPoints({ cohort: null, thresholds: { v1: 0.5, v2: 0.5 } });
  for (const t of [0.3, 0.35, 0.4, 0.3, 0.31, 0.32]) {
    performance.clearMeasures();
    const thr = { v1: 0.5, v2: t };
    const t0 = performance.now();
    (globalThis as { __wbTrace?: boolean }).__wbTrace = true;
    const t1 = performance.now();
    await api.compare(req(thr));
    const t2 = performance.now();
    s.setThresholds(thr);
    const t2b = performance.now();
    await api.operatingPoints({ cohort: null, thresholds: thr });
    const t3 = performance.now();
    void t0;
    (globalThis as { __wbTrace?: boolean }).__wbTrace = false;
    const parts = performance
      .getEntriesByType('measure')
      .map((m) => `${m.name.replace('wb:', '')} ${m.duration.toFixed(1)}`)
      .join(', ');
    console.log(
      `v2=${t}: compare ${(t2 - t1).toFixed(1)} ms, setThresholds ${(t2b - t2).toFixed(1)}, ` +
        `operatingPoints ${(t3 - t2b).toFixed(1)}  [${parts}]`,
    );
  }
}, 600_000);
