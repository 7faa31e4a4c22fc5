import { describe, expect, it } from 'vitest';
import { argsortFloats } from './argsort';
import { PairServer } from './pairServer';
import {
  CancelledError,
  type PairHelper,
  poissonReplicates,
  type RankedScore,
  type ReplicateInput,
  type Replicates,
  replicatePairs,
} from './poissonBootstrap';
import { Xoshiro128 } from './prng';

// A bootstrap split between the engine thread and a helper thread must give the single run's
// numbers bit for bit: a resample pair's weights depend only on (seed, pair), not on who computes
// it. The helper here is the helper worker's own code (PairServer) answering after a delay.

function ranked(score: Float64Array, labels: Uint8Array, rows: Uint32Array | null): RankedScore {
  const asc = argsortFloats(score);
  const keep = rows ? new Set(rows) : null;
  const order = Array.from(asc)
    .reverse()
    .filter((r) => !keep || keep.has(r));
  const ends: number[] = [];
  for (let k = 0; k < order.length; k++)
    if (k + 1 === order.length || score[order[k + 1]!] !== score[order[k]!]) ends.push(k + 1);
  return {
    rows: Uint32Array.from(order),
    positive: Uint8Array.from(order, (r) => labels[r]!),
    groupEnd: Uint32Array.from(ends),
  };
}

/** Every path: untied scores (row pass), a coarse grid (group sums), means, a proportion. */
function input(n: number, cohort: boolean): ReplicateInput {
  const g = new Xoshiro128(7);
  const labels = new Uint8Array(n);
  const untied = new Float64Array(n);
  const coarse = new Float64Array(n);
  const few = new Float64Array(n);
  const loss = new Float64Array(n);
  const outcome = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = g.nextFloat() < 0.3 ? 1 : 0;
    untied[i] = g.nextNormal() + labels[i]!;
    coarse[i] = Math.round((g.nextNormal() + labels[i]!) * 10) / 10;
    few[i] = Math.round(g.nextNormal() + labels[i]!);
    loss[i] = i % 7 === 0 ? NaN : Math.abs(untied[i]! - labels[i]!);
    outcome[i] = i % 3 === 0 ? 1 : 0;
  }
  const rows = cohort
    ? Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1)
    : null;
  return {
    rows,
    n,
    proportions: [outcome],
    means: [loss],
    ranked: [ranked(untied, labels, rows), ranked(coarse, labels, rows), ranked(few, labels, rows)],
  };
}

function series(r: Replicates): Float64Array[] {
  return [...r.proportions, ...r.means, ...r.auc, ...r.ap];
}

function expectSame(a: Replicates, b: Replicates) {
  const sa = series(a);
  const sb = series(b);
  expect(sb.length).toBe(sa.length);
  let differ = 0;
  sa.forEach((x, i) => x.forEach((v, r) => (differ += Object.is(v, sb[i]![r]) ? 0 : 1)));
  expect(differ).toBe(0);
}

/** Gives way to timers, as the engine worker's breathe() gives way to messages. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The helper worker's code in this thread, answering each pair after `delay` ms. */
function localHelper(
  inp: ReplicateInput,
  resamples: number,
  seed: number,
  opts: { delay?: number; failAt?: number } = {},
) {
  const server = new PairServer();
  server.job(1, inp, resamples, seed);
  const asked: number[] = [];
  let closed = false;
  const helper: PairHelper = {
    pair: (p) => {
      asked.push(p);
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          if (opts.failAt !== undefined && asked.length > opts.failAt)
            return reject(new Error('helper died'));
          server.pair(1, p).then(resolve, reject);
        }, opts.delay ?? 1),
      );
    },
    close: () => {
      closed = true;
      server.drop(1);
    },
  };
  return { helper, asked, closed: () => closed };
}

describe('a bootstrap split across threads', () => {
  for (const cohort of [false, true])
    it(`shares merged in resample order equal the single run (${cohort ? 'a cohort' : 'all rows'})`, async () => {
      const inp = input(3000, cohort);
      const single = await poissonReplicates(inp, 41, 12);
      // Two contiguous shares and an odd count (the last pair has one resample).
      const a = await replicatePairs(inp, 41, 12, 0, 9);
      const b = await replicatePairs(inp, 41, 12, 9, 21);
      const merged = series(a).map((x, i) => {
        const y = series(b)[i]!;
        return x.map((v, r) => (r < 18 ? v : y[r]!));
      });
      series(single).forEach((x, i) =>
        expect(x.every((v, r) => Object.is(v, merged[i]![r]))).toBe(true),
      );
      // Not trivially equal: the replicates vary from resample to resample.
      expect(new Set(single.auc[0]).size).toBeGreaterThan(30);
    });

  it('with a helper thread: the same numbers, both threads did pairs, progress in order', async () => {
    const inp = input(4000, true);
    const single = await poissonReplicates(inp, 40, 3);
    const { helper, asked, closed } = localHelper(inp, 40, 3);
    const seen: number[] = [];
    const split = await poissonReplicates(inp, 40, 3, {
      helper,
      pause: tick,
      // The early intervals read the first k: each must be final when reported.
      progress: (k, partial) => {
        seen.push(k);
        for (const [i, s] of series(partial!).entries())
          for (let r = 0; r < k; r++) expect(Object.is(s[r], series(single)[i]![r])).toBe(true);
      },
    });
    expectSame(single, split);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThan(20);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen.at(-1)).toBe(40);
    expect(closed()).toBe(true);
  });

  it('a helper that starts late (when the page asks) joins from the next block, same numbers', async () => {
    const inp = input(3000, true);
    // 12 blocks of 4 pairs (SIMD_PAIRS); the helper comes at the fourth.
    const single = await poissonReplicates(inp, 96, 6);
    const { helper, asked } = localHelper(inp, 96, 6);
    let calls = 0;
    const split = await poissonReplicates(inp, 96, 6, {
      helper: () => (++calls > 3 ? helper : null),
      pause: tick,
    });
    expectSame(single, split);
    expect(Math.min(...asked)).toBeGreaterThanOrEqual(3);
    expect(asked.length).toBeGreaterThan(0);
  });

  it('a helper paused while the page needs its core (helperWanted) gets no pairs then, same numbers', async () => {
    const inp = input(3000, true);
    const single = await poissonReplicates(inp, 60, 9);
    const { helper, asked } = localHelper(inp, 60, 9);
    // Wanted for the engine thread's passes 4–9 only (between() runs before each pass).
    let passes = 0;
    const split = await poissonReplicates(inp, 60, 9, {
      helper: () => helper,
      helperWanted: () => passes >= 4 && passes < 10,
      pause: () => {
        passes++;
        return tick();
      },
    });
    expectSame(single, split);
    // It did some pairs while wanted, and none once no longer wanted (this thread did the rest:
    // at most the two pairs already handed to it finish afterwards).
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThan(30);
    const lastAsked = Math.max(...asked);
    expect(lastAsked).toBeLessThan(29);
  });

  it('a helper that fails midway: this thread redoes its pairs, same numbers', async () => {
    const inp = input(3000, false);
    const single = await poissonReplicates(inp, 30, 8);
    const { helper, asked } = localHelper(inp, 30, 8, { failAt: 2, delay: 5 });
    const split = await poissonReplicates(inp, 30, 8, { helper, pause: tick });
    expectSame(single, split);
    expect(asked.length).toBeGreaterThan(2);
  });

  it('a helper that answers with the wrong shape is dropped, same numbers', async () => {
    const inp = input(2000, false);
    const single = await poissonReplicates(inp, 20, 5);
    const helper: PairHelper = { pair: async () => new Float64Array(3), close: () => {} };
    expectSame(single, await poissonReplicates(inp, 20, 5, { helper }));
  });

  it('cancelled: stops, closes the helper and asks it for nothing more', async () => {
    const inp = input(3000, false);
    const { helper, asked, closed } = localHelper(inp, 200, 1, { delay: 20 });
    let passes = 0;
    const run = poissonReplicates(inp, 200, 1, { helper, cancelled: () => ++passes > 6 });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(closed()).toBe(true);
    const after = asked.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(asked.length).toBe(after);
    expect(after).toBeLessThan(10);
  });
});
