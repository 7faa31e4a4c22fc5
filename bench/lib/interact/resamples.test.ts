// Poisson-bootstrap throughput at 1M rows (issue 15): resamples per second of the replicates
// Compare's second pass computes (2 versions: log loss and Brier means, AUC and AP by score), on
// the flights set tiled to 1M (scores with many ties) and on 1M untied continuous scores (a
// churn-like set generated here, or the Parquet file in RESAMPLES_FILE, e.g. /tmp/churn-1m.parquet
// from a DuckDB script). A measurement, not a test (no threshold):
//   npx vitest run --config bench/lib/interact/vitest.config.ts resamples
import { readFileSync } from 'node:fs';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { it } from 'vitest';
import { Session } from '../../../src/worker/session/session';
import { perRowOf } from '../../../src/worker/services/compare/perRow';
import { labels01Of } from '../../../src/worker/services/compare/chartScores';
import { rankedScore } from '../../../src/engine/compare/scoreIndex';
import { poissonReplicates, type ReplicateInput } from '../../../src/engine/stats/poissonBootstrap';

/** 1M rows, label 1 at 20 %, two continuous Float64 scores (every value distinct in practice). */
function untiedArrow(n = 1_000_000): Uint8Array {
  let s = 12345;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const churned = new Int32Array(n);
  const v1 = new Float64Array(n);
  const v2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = rnd() < 0.2 ? 1 : 0;
    churned[i] = y;
    v1[i] = 0.1 + 0.25 * y + 0.5 * (0.2 + 0.3 * (rnd() - 0.5));
    v2[i] = 0.05 + 0.4 * y + 0.4 * (0.2 + 0.35 * (rnd() - 0.5));
  }
  const id = Array.from({ length: n }, (_, i) => `c-${String(i).padStart(7, '0')}`);
  return tableToIPC(
    tableFromArrays({ customer_id: id, churned, churn_score_v1: v1, churn_score_v2: v2 }),
  );
}

async function inputOf(name: string, bytes: Uint8Array): Promise<ReplicateInput> {
  const s = new Session();
  const r = name.endsWith('.parquet')
    ? await s.openFiles([{ name, bytes }])
    : s.openBytes([{ name, bytes }]);
  s.analyse(r.summary!.inferred);
  const ev = s.dataset.ev!;
  const bin = labels01Of(ev)!;
  const means = ev.versions.flatMap((v) => [
    perRowOf(ev, v.name).logLoss!,
    perRowOf(ev, v.name).brier!,
  ]);
  const ranked = ev.versions.map((v) => rankedScore(bin, v.score!));
  const groups = ranked.map((x) => `${x.groupEnd.length} tie groups in ${x.rows.length} rows`);
  console.log(`${name}: ${groups.join('; ')}`);
  return { rows: null, n: ev.n, proportions: [], means, ranked };
}

async function measure(input: ReplicateInput) {
  // Binary Compare takes every replicate from one pass per pair (see poissonBootstrap); the other
  // two lines time the paths other inputs take: means without a score (row order), and AUC/AP of
  // the two scores alone.
  const parts = {
    'all (4 means + 2 scores)': input,
    'the 4 means alone (row-order path)': { ...input, ranked: [] },
    'AUC and AP of the 2 scores alone': { ...input, means: [] },
  };
  await poissonReplicates(input, 4, 1); // compile the hot loops first
  const B = 40;
  for (const [name, inp] of Object.entries(parts)) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    await poissonReplicates(inp, B, 1);
    const ms = performance.now() - t;
    // CPU time too: on the shared machine the wall time counts other processes' turns.
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `  ${name}: ${(B / (ms / 1000)).toFixed(1)} resamples/s (${(ms / B).toFixed(1)} ms each); ` +
        `CPU ${(B / (cpuMs / 1000)).toFixed(1)} resamples/s (${(cpuMs / B).toFixed(1)} ms)`,
    );
  }
}

it('resamples per second at 1M rows, tied scores (flights)', async () => {
  // Written by bench/lib/interact/flights.mjs (npm run bench:interact writes it first).
  const file = new URL('../../data/flights_1m.arrow', import.meta.url);
  await measure(await inputOf('flights_1m.arrow', new Uint8Array(readFileSync(file))));
}, 600_000);

it('resamples per second at 1M rows, untied continuous scores', async () => {
  const file = process.env.RESAMPLES_FILE;
  const input = file
    ? await inputOf(file, new Uint8Array(readFileSync(file)))
    : await inputOf('untied_1m.arrow', untiedArrow());
  await measure(input);
}, 600_000);
