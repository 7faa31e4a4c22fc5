import { expect, it } from 'vitest';
import { binColumn, buildTarget, searchSlices } from '.';
import { outcomes, synthetic } from './synthetic';

// Timing of a 20-feature search, printed, never asserted (shared machines are noisy). The size
// the issue names is SLICES_ROWS=1000000; the default keeps `npm test` quick.
const N = Number(process.env.SLICES_ROWS ?? 200_000);

it(`searches ${N} rows × 20 features to 3 conditions`, () => {
  const t0 = performance.now();
  const { columns, rng, n } = synthetic(N, 42, 14);
  const g = columns.find((c) => c.name === 'g')!;
  const gc = g.kind === 'string' ? g.codes : new Int32Array(0);
  const correct = outcomes(rng, (i) => (gc[i] === 2 ? 0.2 : 0.1), n);
  const t1 = performance.now();
  const features = columns.map((c) => binColumn(c, 5)!);
  const target = buildTarget({ mode: 'failure', correct, mask: null });
  const t2 = performance.now();
  const gen = searchSlices(features, target, { minSize: Math.max(30, n / 100), maxConditions: 3 });
  let step = gen.next();
  while (!step.done) step = gen.next();
  const t3 = performance.now();
  const out = step.value;
  console.log(
    `slices: ${n} rows × ${features.length} features — binning ${(t2 - t1).toFixed(0)} ms, ` +
      `search ${(t3 - t2).toFixed(0)} ms (tested ${out.tested}, family ${out.tried}, ` +
      `pruned ${out.pruned}); data generation ${(t1 - t0).toFixed(0)} ms; top: ${out.results[0]?.text}`,
  );
  expect(out.results[0]?.text).toBe('g = g2');
}, 120_000);
