// The bootstrap helper thread: the engine worker hands it a cohort's bootstrap inputs once per
// run, then asks for resample pairs; it answers each with that pair's replicates (PairServer, the
// same passes as the engine thread). See bootstrapHelper.ts for the engine's side.
import { PairServer } from '../../../engine/stats/pairServer';
import type { HelperIn, HelperOut } from './bootstrapHelper';

const server = new PairServer();
// Pairs answered: the e2e and the bench read it to see this thread did its share.
const scope = self as unknown as { __bootstrapPairs: number };
scope.__bootstrapPairs = 0;
const post = (m: HelperOut, transfer: Transferable[] = []) => self.postMessage(m, { transfer });

self.onmessage = (e: MessageEvent<HelperIn>) => {
  const m = e.data;
  if (m.type === 'job') {
    try {
      server.job(m.id, m.input, m.resamples, m.seed);
    } catch {
      // Its pairs then fail ("no job"): the engine thread computes them.
    }
  } else if (m.type === 'drop') server.drop(m.id);
  else
    server.pair(m.id, m.pair).then(
      (values) => {
        scope.__bootstrapPairs++;
        post({ id: m.id, pair: m.pair, values }, [values.buffer]);
      },
      (err: unknown) => post({ id: m.id, pair: m.pair, error: String(err) }),
    );
};
