// Worker time of Compare's intervals on 1M untied scores (issue 15), in Node: the churn file
// (bench/lib/interact/churn.mjs) opened and analysed, then the view's requests as the page sends
// them right after the Overview (point estimates, the early intervals, the final ones) while the
// background bootstrap (api.ts) runs. A measurement, not a test:
//   npx vitest run --config bench/lib/interact/vitest.config.ts churnCompare
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { Session } from '../../../src/worker/session/session';
import { compareApi } from '../../../src/worker/services/compare/api';
import { EARLY, RESAMPLES, SEED } from '../../../src/shared/compareBootstrap';
// @ts-expect-error a plain ES module of the bench
import { untiedChurn } from './churn.mjs';

it('Compare on 1M untied scores: early and final intervals', async () => {
  const file = (await untiedChurn()) as string;
  const s = new Session();
  const api = compareApi(s);
  const t0 = performance.now();
  // CPU time beside the wall time: on the shared machine the wall time counts others' turns.
  let cpu = process.cpuUsage();
  const r = await s.openFiles([
    { name: 'churn.parquet', bytes: new Uint8Array(readFileSync(file)) },
  ]);
  s.analyse(r.summary!.inferred);
  const t1 = performance.now();
  const names = s.dataset.ev!.versions.map((v) => v.name);
  const base = { baseline: names[0]!, cohorts: [], seed: SEED, thresholds: undefined };
  const at = (label: string, since: number) => {
    const c = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const ms = (c.user + c.system) / 1000;
    console.log(
      `${label.padEnd(28)} ${(performance.now() - since).toFixed(0)} ms; ` +
        `CPU ${ms.toFixed(0)} ms since the line before`,
    );
  };
  at('open + analyse', t0);
  await api.compare({ ...base, resamples: 0 } as never);
  at('point estimates', t1);
  await api.compare({ ...base, resamples: RESAMPLES, early: EARLY } as never);
  at(`first intervals (${EARLY})`, t1);
  await api.compare({ ...base, resamples: RESAMPLES } as never);
  at(`final intervals (${RESAMPLES})`, t1);
}, 600_000);
