// Poisson-bootstrap throughput at 1M rows (issue 15): resamples per second of the replicates
// Compare's second pass computes (2 versions: log loss and Brier means, AUC and AP by score), on
// the flights set tiled to 1M (scores with many ties) and on 1M untied continuous scores (a
// churn-like set generated here, or the Parquet file in RESAMPLES_FILE, e.g. /tmp/churn-1m.parquet
// from a DuckDB script). A measurement, not a test (no threshold):
//   npx vitest run --config bench/lib/interact/vitest.config.ts resamples
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { tableToIPC, tableFromArrays } from 'apache-arrow';
import { it } from 'vitest';
import { Session } from '../../../src/worker/session/session';
import { perRowOf } from '../../../src/worker/services/compare/perRow';
import { labels01Of } from '../../../src/worker/services/compare/chartScores';
import { rankedScore } from '../../../src/engine/compare/scoreIndex';
import {
  type PairHelper,
  poissonReplicates,
  type ReplicateInput,
} from '../../../src/engine/stats/poissonBootstrap';
import { SIMD_PAIRS } from '../../../src/engine/stats/simd/poissonSimd';

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
  // The JS passes and the WebAssembly SIMD kernels (the default) alternately, in this process:
  // the same replicates, so the A/B is of speed alone.
  for (const simd of [false, true]) await poissonReplicates(input, 8, 1, { simd }); // compile
  const B = 40;
  for (const round of [1, 2])
    for (const [name, inp] of Object.entries(parts))
      for (const simd of [false, true]) {
        const t = performance.now();
        const cpu = process.cpuUsage();
        await poissonReplicates(inp, B, 1, { simd });
        const ms = performance.now() - t;
        // CPU time too: on the shared machine the wall time counts other processes' turns.
        const used = process.cpuUsage(cpu);
        const cpuMs = (used.user + used.system) / 1000;
        console.log(
          `  ${round} ${simd ? 'SIMD' : 'JS  '} ${name}: ${(B / (ms / 1000)).toFixed(1)} resamples/s ` +
            `(${(ms / B).toFixed(1)} ms each); CPU ${(B / (cpuMs / 1000)).toFixed(1)} resamples/s ` +
            `(${(cpuMs / B).toFixed(1)} ms)`,
        );
      }
}

/** The helper thread (pairWorker.ts bundled by Vite, as the app's worker is). */
async function nodeHelper() {
  const dir = fileURLToPath(new URL('../../.tmp/pairWorker', import.meta.url));
  // An SSR build bundles it for Node (as bench/recovery.mjs does for its engine code).
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: fileURLToPath(new URL('./pairWorker.ts', import.meta.url)),
      outDir: dir,
      emptyOutDir: true,
      rollupOptions: { output: { entryFileNames: 'pairWorker.mjs' } },
    },
  });
  const out = `${dir}/pairWorker.mjs`;
  const w = new Worker(out);
  const pending = new Map<number, (v: Float64Array) => void>();
  let report: (r: { done: number; busyMs: number }) => void = () => {};
  w.on('message', (m: { pair?: number; values?: Float64Array; done?: number; busyMs?: number }) => {
    if (m.values) pending.get(m.pair!)?.(m.values);
    else report(m as { done: number; busyMs: number });
  });
  let id = 0;
  return {
    start(input: ReplicateInput, resamples: number, seed: number) {
      id++;
      w.postMessage({ type: 'job', id, input, resamples, seed });
      const share = new Promise<{ done: number; busyMs: number }>((r) => (report = r));
      const helper: PairHelper = {
        pair: (pair) =>
          new Promise((resolve) => {
            pending.set(pair, resolve);
            w.postMessage({ type: 'pair', id, pair });
          }),
        close: () => w.postMessage({ type: 'drop', id }),
      };
      return { helper, share };
    },
    stop: () => w.terminate(),
  };
}

/** The whole input on two threads (this one and a helper), as the browser's engine worker runs it. */
async function measureTwoThreads(input: ReplicateInput) {
  const h = await nodeHelper();
  // The engine worker gives way between passes (breathe); here after every pass.
  const pause = () => new Promise<void>((r) => setImmediate(r));
  try {
    for (const B of [4, 40]) {
      const { helper, share } = h.start(input, B, 1);
      const t = performance.now();
      const cpu = process.cpuUsage();
      await poissonReplicates(input, B, 1, { helper, pause });
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      const { done, busyMs } = await share;
      if (B === 4) continue; // the first run compiles the helper's loops
      console.log(
        `  all, two threads: ${(B / (ms / 1000)).toFixed(1)} resamples/s wall ` +
          `(${(ms / B).toFixed(1)} ms each); CPU of both threads ${(cpuMs / B).toFixed(1)} ms a ` +
          `resample; helper did ${done} of ${B / (2 * SIMD_PAIRS)} blocks of ${SIMD_PAIRS} pairs (its loop busy ${busyMs.toFixed(0)} ms in all)`,
      );
    }
  } finally {
    await h.stop();
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
  await measureTwoThreads(input);
}, 600_000);
