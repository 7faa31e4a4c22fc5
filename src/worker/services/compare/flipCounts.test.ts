import { describe, expect, it, vi } from 'vitest';
import type { EvalArrays } from '../../../data/prepare';
import { flips } from '../../../engine/compare/flips';
import { applyThresholds, deltaOf, predictionsAtDefault } from '../../session/thresholds';
import { flipsKept } from './flipCounts';

// Counts flipsKept's passes over every row, to show the sequences below do take the patch path.
const passes = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../engine/compare/flips', async (original) => {
  const m = await original<typeof import('../../../engine/compare/flips')>();
  return { ...m, flips: (...a: Parameters<typeof m.flips>) => (passes.n++, m.flips(...a)) };
});

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A binary evaluation of n rows and three scored versions: scores on a grid of twentieths (many
 * ties, so thresholds land on them), ~5% NaN scores, ~5% rows without a label; `positive` is the
 * positive class code.
 */
function dataset(n: number, seed: number, positive = 1): EvalArrays {
  const r = rng(seed);
  const label = Int32Array.from({ length: n }, () => (r() < 0.05 ? -1 : r() < 0.4 ? 1 : 0));
  const score = () =>
    Float32Array.from({ length: n }, () => (r() < 0.05 ? NaN : Math.round(r() * 20) / 20));
  const versions = ['v1', 'v2', 'v3'].map((name) => ({
    name,
    score: score(),
    pred: null as Int32Array | null,
    probs: null,
    yhat: null,
  }));
  // The prepared predictions: score ≥ 0.5, as data/prepare derives them without a column.
  for (const v of versions)
    v.pred = Int32Array.from(v.score, (x) => (x !== x ? -1 : x >= 0.5 ? positive : 1 - positive));
  return { task: 'binary', classes: ['no', 'yes'], positive, label, versions } as never;
}

/** score ≥ t → positive, else the other class, NaN → −1: written out. */
const expected = (s: Float32Array | Float64Array, t: number, positive: number) =>
  Array.from(s, (x) => (Number.isNaN(x) ? -1 : x >= t ? positive : 1 - positive));

/** A threshold: often one of the score values (a tie), sometimes off the grid or out of [0, 1]. */
function threshold(r: () => number): number {
  const u = r();
  if (u < 0.6) return Math.round(r() * 20) / 20;
  if (u < 0.9) return r();
  return [0, -0, 1, -0.5, 1.5][Math.floor(r() * 5)]!;
}

describe('predictions patched between two thresholds (issue 15)', () => {
  it('equal score ≥ t at every step; the delta names exactly the rows that changed', () => {
    for (const positive of [1, 0]) {
      const ev = dataset(3000, 7 + positive, positive);
      const r = rng(11);
      let last = applyThresholds(ev, {});
      expect(last).not.toBe(ev); // binary with scores: new versions (the same arrays when unset)
      expect(last.versions[1]!.pred).toBe(ev.versions[1]!.pred);
      for (let step = 0; step < 60; step++) {
        const thr: Record<string, number> = {};
        for (const v of ['v1', 'v2', 'v3']) if (r() < 0.7) thr[v] = threshold(r);
        const now = applyThresholds(ev, thr);
        for (const [i, v] of now.versions.entries()) {
          const t = thr[v.name];
          if (t === undefined) {
            expect(v.pred).toBe(ev.versions[i]!.pred);
            continue;
          }
          expect(Array.from(v.pred!)).toEqual(expected(v.score!, t, positive));
          const d = deltaOf(v.pred!);
          if (!d) continue;
          // Every row that differs from `from` is in `rows`, and every row in `rows` differs.
          const changed = new Set<number>();
          for (let k = 0; k < v.pred!.length; k++) if (v.pred![k] !== d.from[k]) changed.add(k);
          expect(new Set(d.rows)).toEqual(changed);
          expect(d.rows.length).toBe(changed.size);
        }
        last = now;
      }
      expect(last.versions.length).toBe(3);
    }
  });

  it('leaves a multi-class task as it is (thresholds apply to binary tasks only)', () => {
    const ev = { ...dataset(100, 3), task: 'multiclass', classes: ['a', 'b', 'c'] } as EvalArrays;
    expect(applyThresholds(ev, { v1: 0.3 })).toBe(ev);
    expect(predictionsAtDefault(ev, 'v1')).toBeNull();
  });
});

describe('flips patched over the rows between two thresholds equal a pass over every row', () => {
  it('random threshold sequences: one or both versions edited, ties, NaN scores, no label, cohorts', () => {
    const ev = dataset(4000, 21);
    const label = ev.label!;
    const r = rng(5);
    const cohort = Uint8Array.from({ length: label.length }, () => (r() < 0.3 ? 1 : 0));
    // The warm-up's default derivations and their flips, as warm.ts makes them.
    const d1 = predictionsAtDefault(ev, 'v1')!;
    const d2 = predictionsAtDefault(ev, 'v2')!;
    expect(Array.from(d2)).toEqual(expected(ev.versions[1]!.score!, 0.5, 1));
    flipsKept(label, ev.versions[0]!.pred!, d2, null);
    flipsKept(label, d1, ev.versions[1]!.pred!, null);
    let patched = 0;
    let calls = 0;
    passes.n = 0;
    for (let step = 0; step < 80; step++) {
      const thr: Record<string, number> = {};
      // Mostly one version at a time (a person's edits), sometimes both or none.
      const u = r();
      if (u < 0.45) thr.v2 = threshold(r);
      else if (u < 0.7) thr.v1 = threshold(r);
      else if (u < 0.95) Object.assign(thr, { v1: threshold(r), v2: threshold(r) });
      // Carry the other version's threshold sometimes, as the page keeps it.
      const now = applyThresholds(ev, thr);
      const [a, b, c] = now.versions.map((v) => v.pred!) as [Int32Array, Int32Array, Int32Array];
      if (deltaOf(a) || deltaOf(b)) patched++;
      for (const mask of [null, cohort]) {
        // Two pairs against the baseline v1, as Compare counts them.
        for (const other of [b, c]) {
          const got = flipsKept(label, a, other, mask);
          calls++;
          const kept = passes.n; // the reference pass below is not counted
          expect(got).toEqual(flips(label, a, other, mask ?? undefined));
          passes.n = kept;
        }
      }
    }
    // The sequence did exercise the patch (not only full passes).
    expect(patched).toBeGreaterThan(20);
    expect(passes.n).toBeLessThan(calls * 0.7);
  });

  it('counts by hand on a small case, then after an edit that moves tied rows', () => {
    // label, v1 score, v2 score; v1 at 0.5, v2 from 0.5 to 0.4 (rows 1 and 3 tie at 0.4). Ten
    // more rows with neither a label nor scores count nowhere; with them the two changed rows
    // are few enough to be patched rather than derived again.
    const none = (n: number) => Array<number>(n).fill(NaN);
    const ev = {
      task: 'binary',
      classes: ['no', 'yes'],
      positive: 1,
      label: Int32Array.of(1, 1, 0, 0, -1, 1, ...Array<number>(10).fill(-1)),
      versions: [
        { name: 'v1', score: Float32Array.of(0.9, 0.2, 0.6, 0.1, 0.7, NaN, ...none(10)) },
        { name: 'v2', score: Float32Array.of(0.8, 0.4, 0.3, 0.4, 0.2, 0.6, ...none(10)) },
      ],
    } as unknown as EvalArrays;
    const label = ev.label!;
    const before = applyThresholds(ev, { v1: 0.5, v2: 0.5 });
    const [a, b] = before.versions.map((v) => v.pred!) as [Int32Array, Int32Array];
    // v1: 1 0 1 0 1 −1; v2: 1 0 0 0 0 1.
    let f = flipsKept(label, a, b, null);
    // Row 0 both right; row 1 both wrong, same; row 2 right→... v1 says 1 (label 0: wrong), v2
    // 0 (right): wrong→right; row 3 both right; row 4 no label; row 5 v1 has no prediction.
    expect(f).toMatchObject({ evaluated: 4, bothCorrect: 2, bothWrongSame: 1, wrongToCorrect: 1 });
    expect(f).toMatchObject({ correctToWrong: 0, compared: 5, comparedChanged: 2 });
    const after = applyThresholds(ev, { v1: 0.5, v2: 0.4 });
    const b2 = after.versions[1]!.pred!;
    expect(Array.from(deltaOf(b2)!.rows).sort()).toEqual([1, 3]);
    // v2 now 1 1 0 1 0 1: row 1 both... v1 0 (wrong), v2 1 (right): wrong→right; row 3 v1 0
    // (right), v2 1 (wrong): right→wrong.
    f = flipsKept(label, a, b2, null);
    expect(f).toMatchObject({ evaluated: 4, bothCorrect: 1, bothWrongSame: 0 });
    expect(f).toMatchObject({ wrongToCorrect: 2, correctToWrong: 1, changed: 3 });
    expect(f).toEqual(flips(label, a, b2));
  });
});
