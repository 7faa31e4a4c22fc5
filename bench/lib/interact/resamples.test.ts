// Poisson-bootstrap throughput at 1M rows (issue 15): resamples per second of the replicates
// Compare's second pass computes for the flights set tiled to 1M (2 versions: log loss and Brier
// means, AUC and AP by score). A measurement, not a test (no threshold):
//   npx vitest run --config bench/lib/interact/vitest.config.ts
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { Session } from '../../../src/worker/session/session';
import { perRowOf } from '../../../src/worker/services/compare/perRow';
import { labels01Of } from '../../../src/worker/services/compare/chartScores';
import { rankedScore } from '../../../src/engine/compare/scoreIndex';
import { poissonReplicates } from '../../../src/engine/stats/poissonBootstrap';

it('resamples per second at 1M rows', async () => {
  // Written by bench/lib/interact/flights.mjs (npm run bench:interact writes it first).
  const file = new URL('../../data/flights_1m.arrow', import.meta.url);
  const s = new Session();
  const r = s.openBytes([{ name: 'f.arrow', bytes: new Uint8Array(readFileSync(file)) }]);
  s.analyse(r.summary!.inferred);
  const ev = s.dataset.ev!;
  const bin = labels01Of(ev)!;
  const means = ev.versions.flatMap((v) => [
    perRowOf(ev, v.name).logLoss!,
    perRowOf(ev, v.name).brier!,
  ]);
  const ranked = ev.versions.map((v) => rankedScore(bin, v.score!));
  const input = { rows: null, n: ev.n, proportions: [], means, ranked };
  // Binary Compare takes every replicate from one hashed loop per pair over both scores' tie
  // groups (log loss and Brier are one value per group and label); the other two lines time the
  // paths other inputs take: means without a score (row order), and AUC/AP of the two scores.
  const parts = {
    'all (4 means + 2 scores)': input,
    'the 4 means alone (row-order path)': { ...input, ranked: [] },
    'AUC and AP of the 2 scores alone': { ...input, means: [] },
  };
  await poissonReplicates(input, 4, 1); // compile the hot loops first
  const B = 40;
  for (const [name, inp] of Object.entries(parts)) {
    const t = performance.now();
    await poissonReplicates(inp, B, 1);
    const ms = performance.now() - t;
    console.log(
      `${name}: ${(B / (ms / 1000)).toFixed(1)} resamples/s (${(ms / B).toFixed(1)} ms each)`,
    );
  }
}, 600_000);
