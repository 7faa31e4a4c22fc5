import { describe, expect, it } from 'vitest';
import { argsortFloats } from './argsort';
import { poissonWeight } from './poisson';
import { poissonReplicates, type RankedScore } from './poissonBootstrap';
import { Xoshiro128 } from './prng';

// poissonReplicates takes several paths to the same numbers (issue 15): weights hashed once per
// pair in row order, a score's tie-group sums filled in row order (alone or two scores per loop),
// a pass in score order for scores with many distinct values, and means that are one value per
// group and label summed from the group sums. Each is checked here against a plain loop over
// every row's weight, poissonWeight(seed, r, row): AUC and AP to the last bit (their sums are
// integers until the same final divisions), means to rounding (another summation order).

function ranked(score: Float64Array, labels: Uint8Array, rows: Uint32Array | null): RankedScore {
  const asc = argsortFloats(score);
  const keep = rows ? new Set(rows) : null;
  const order = Array.from(asc)
    .reverse()
    .filter((i) => !keep || keep.has(i));
  const ends: number[] = [];
  order.forEach((i, k) => {
    if (k + 1 === order.length || score[order[k + 1]!] !== score[i]) ends.push(k + 1);
  });
  return {
    rows: Uint32Array.from(order),
    positive: Uint8Array.from(order, (i) => labels[i]!),
    groupEnd: Uint32Array.from(ends),
  };
}

/** Weighted mean, AUC (ties ½) and AP of resample r by the definitions, row by row. */
function reference(
  r: number,
  seed: number,
  rows: number[],
  values: ArrayLike<number>,
  score: Float64Array,
  labels: Uint8Array,
) {
  const w = (i: number) => poissonWeight(seed, r, i);
  let a = 0;
  let b = 0;
  for (const i of rows)
    if (values[i] === values[i]) {
      a += w(i);
      b += values[i]! * w(i);
    }
  // Tie groups from the highest score down, each group's weights summed, then the same steps.
  const distinct = [...new Set(rows.map((i) => score[i]!))].sort((x, y) => y - x);
  let pa = 0;
  let na = 0;
  let u = 0;
  let s = 0;
  for (const v of distinct) {
    let gp = 0;
    let gn = 0;
    for (const i of rows)
      if (score[i] === v) {
        if (labels[i] === 1) gp += w(i);
        else gn += w(i);
      }
    u += gn * (2 * pa + gp);
    pa += gp;
    na += gn;
    if (gp > 0) s += (gp * pa) / (pa + na);
  }
  return { mean: b / a, auc: u / (2 * pa * na), ap: s / pa };
}

function data(n: number, seed: number, grid: number) {
  const g = new Xoshiro128(seed);
  const labels = new Uint8Array(n);
  const coarse = new Float64Array(n);
  const coarse2 = new Float64Array(n);
  const fine = new Float64Array(n);
  const logLoss = new Float64Array(n);
  const other = new Float64Array(n);
  const outcome = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = g.nextFloat() < 0.35 ? 1 : 0;
    const z = g.nextNormal() + labels[i]!;
    coarse[i] = Math.round(z * grid) / grid; // few distinct values: tie groups
    fine[i] = z; // all distinct
    coarse2[i] = Math.round((z + g.nextNormal() * 0.5) * grid) / grid; // another version
    const p = 1 / (1 + Math.exp(-coarse[i]!));
    logLoss[i] = -Math.log(labels[i] ? p : 1 - p); // one value per group and label
    other[i] = i % 7 === 0 ? NaN : z * z;
    outcome[i] = i % 3 === 0 ? 2 : labels[i]!;
  }
  return { labels, coarse, coarse2, fine, logLoss, other, outcome };
}

describe('Poisson replicates by every path equal a plain loop over the weights', () => {
  const n = 3000;
  const seed = 13;
  const B = 7; // odd: the last pair has one resample
  const d = data(n, 5, 4);
  // [name, cohort rows, a proportion too, a mean that is not per group too, scores]
  const cases: [string, Uint32Array | null, boolean, boolean, Float64Array[]][] = [
    [
      'binary Compare: scores hash their own weights, two per loop',
      null,
      false,
      false,
      [d.coarse, d.coarse2],
    ],
    ['an odd score out hashes alone', null, false, false, [d.coarse, d.fine, d.coarse2, d.coarse]],
    [
      'weights hashed once in row order (a proportion needs them)',
      null,
      true,
      false,
      [d.coarse, d.fine],
    ],
    [
      'a mean not per group reads the row-order weights',
      null,
      false,
      true,
      [d.coarse, d.fine, d.coarse2],
    ],
    [
      'a cohort of rows',
      Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 !== 1),
      false,
      false,
      [d.coarse, d.coarse2],
    ],
  ];
  for (const [name, rows, withProportion, withOther, scores] of cases) {
    it(name, async () => {
      const meanInputs = withOther ? [d.logLoss, d.other] : [d.logLoss];
      const r = await poissonReplicates(
        {
          rows,
          n,
          proportions: withProportion ? [d.outcome] : [],
          means: meanInputs,
          ranked: scores.map((s) => ranked(s, d.labels, rows)),
        },
        B,
        seed,
      );
      const list = rows ? Array.from(rows) : Array.from({ length: n }, (_, i) => i);
      for (let b = 0; b < B; b++) {
        for (let k = 0; k < scores.length; k++) {
          const ref = reference(b, seed, list, d.logLoss, scores[k]!, d.labels);
          expect(r.auc[k]![b]).toBe(ref.auc);
          expect(r.ap[k]![b]).toBe(ref.ap);
        }
        const means = meanInputs.map((v) => reference(b, seed, list, v, d.coarse, d.labels).mean);
        means.forEach((m, c) => expect(Math.abs(r.means[c]![b]! / m - 1)).toBeLessThan(1e-12));
      }
    });
  }

  it('a score with rows outside the cohort still counts them (no group-sum shortcut)', async () => {
    const rows = Uint32Array.from({ length: n / 2 }, (_, i) => i);
    const s = ranked(d.coarse, d.labels, null); // every row, though the cohort is half of them
    const r = await poissonReplicates(
      { rows, n, proportions: [], means: [d.logLoss], ranked: [s] },
      4,
      seed,
    );
    const all = Array.from({ length: n }, (_, i) => i);
    const half = all.slice(0, n / 2);
    for (let b = 0; b < 4; b++) {
      expect(r.auc[0]![b]).toBe(reference(b, seed, all, d.logLoss, d.coarse, d.labels).auc);
      const m = reference(b, seed, half, d.logLoss, d.coarse, d.labels).mean;
      expect(Math.abs(r.means[0]![b]! / m - 1)).toBeLessThan(1e-12);
    }
  });
});
