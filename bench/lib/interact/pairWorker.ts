// The bootstrap helper's side for Node (worker_threads), for resamples.test's two-thread line:
// the same PairServer the browser's bootstrap.worker.ts runs, answering the same messages.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { PairServer } from '../../../src/engine/stats/pairServer';
import type { HelperIn } from '../../../src/worker/services/compare/bootstrapHelper';

const server = new PairServer();
let pairs = 0;
const port = parentPort!;
port.on('message', (m: HelperIn) => {
  if (m.type === 'job') server.job(m.id, m.input, m.resamples, m.seed);
  else if (m.type === 'drop') {
    server.drop(m.id);
    // Its share of the run: blocks of pairs and the thread's busy time (Node 20 has no per-thread CPU).
    port.postMessage({ done: pairs, busyMs: performance.eventLoopUtilization().active });
  } else
    server.pair(m.id, m.pair).then((values) => {
      pairs++;
      port.postMessage({ id: m.id, pair: m.pair, values }, [values.buffer as ArrayBuffer]);
    });
});
