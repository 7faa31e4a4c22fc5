// Worker time of threshold edits at 1M rows (issue 15), as the page asks after each edit: the
// Compare points (the request carries the thresholds), the operating points, the intervals (early
// request), then the overview's re-analysis. Wall and CPU time (process.cpuUsage: the machine is
// shared, and CPU time is what survives the load), with the worker's trace spans.
// A measurement, not a test:  npx vitest run --config bench/lib/interact/vitest.config.ts threshold
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { loadavg } from 'node:os';
import { Session } from '../../../src/worker/session/session';
import { compareApi } from '../../../src/worker/services/compare/api';

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

it('threshold edits at 1M rows', async () => {
  const file = new URL('../../data/flights_1m.arrow', import.meta.url);
  const s = new Session();
  const r = s.openBytes([{ name: 'f.arrow', bytes: new Uint8Array(readFileSync(file)) }]);
  const api = compareApi(s);
  s.analyse(r.summary!.inferred);
  await new Promise((res) => setTimeout(res, 3000)); // the warm-up (warm.ts)
  const req = (thr: Record<string, number>, resamples = 0) => ({
    baseline: 'v1',
    cohorts: [],
    seed: 1,
    resamples,
    ...(resamples ? { early: 50 } : {}),
    thresholds: thr,
  });
  // Compare opened: the page holds no thresholds yet (the controls show 0.5).
  await api.compare(req({}));
  await api.operatingPoints({ cohort: null, thresholds: { v1: 0.5, v2: 0.5 } });
  await api.compare({ ...req({}, 200), early: undefined });
  const rows: string[] = [];
  for (const t of [0.3, 0.35, 0.4, 0.3, 0.31, 0.32, 0.45, 0.2]) {
    performance.clearMeasures();
    const thr = { v2: t };
    (globalThis as { __wbTrace?: boolean }).__wbTrace = true;
    const w0 = performance.now();
    const c0 = cpu();
    await api.compare(req(thr));
    const w1 = performance.now();
    const c1 = cpu();
    await api.operatingPoints({ cohort: null, thresholds: { v1: 0.5, v2: t } });
    const w2 = performance.now();
    const c2 = cpu();
    const early = await api.compare(req(thr, 200));
    const w3 = performance.now();
    const c3 = cpu();
    s.setThresholds(thr);
    const w4 = performance.now();
    const c4 = cpu();
    (globalThis as { __wbTrace?: boolean }).__wbTrace = false;
    const parts = performance
      .getEntriesByType('measure')
      .filter((m) => m.duration >= 0.5)
      .map((m) => `${m.name.replace('wb:trace:', '')} ${m.duration.toFixed(1)}`)
      .join(', ');
    const ms = (a: number, b: number) => (b - a).toFixed(1);
    rows.push(
      `v2=${t}: points ${ms(w0, w1)} ms (cpu ${ms(c0, c1)}), operating points ${ms(w1, w2)} ` +
        `(${ms(c1, c2)}), intervals ${ms(w2, w3)} (${ms(c2, c3)}; ${early.resamples} resamples), ` +
        `analysis ${ms(w3, w4)} (${ms(c3, c4)})  [${parts}]`,
    );
    await new Promise((res) => setTimeout(res, 200)); // the warm-up after the edit
  }
  console.log(
    `load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}\n${rows.join('\n')}`,
  );
}, 600_000);
