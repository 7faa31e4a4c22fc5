import { describe, expect, it } from 'vitest';
import type { EvalArrays } from '../../data/prepare';
import { applyThresholds } from './thresholds';

const score1 = new Float32Array([0.1, 0.6, NaN, 0.5, 0.9]);
const score2 = new Float32Array([0.2, 0.3, 0.8, NaN, 0.45]);
// Only what applyThresholds reads: a binary task, the positive class, each version's score.
const ev = {
  task: 'binary',
  classes: ['no', 'yes'],
  positive: 1,
  versions: [
    { name: 'v1', score: score1, pred: null },
    { name: 'v2', score: score2, pred: null },
  ],
} as unknown as EvalArrays;

/** score ≥ t → 1, else 0, NaN → −1, written out by hand. */
const expected = (s: Float32Array, t: number) =>
  Array.from(s, (x) => (Number.isNaN(x) ? -1 : x >= t ? 1 : 0));

describe('applyThresholds', () => {
  it('derives predictions at each threshold and keeps the arrays of unchanged versions', () => {
    const a = applyThresholds(ev, { v1: 0.5, v2: 0.3 });
    expect(Array.from(a.versions[0]!.pred!)).toEqual(expected(score1, 0.5));
    expect(Array.from(a.versions[1]!.pred!)).toEqual(expected(score2, 0.3));
    // v2's threshold edited: v1's predictions are the same array (caches keyed by it stay valid).
    const b = applyThresholds(ev, { v1: 0.5, v2: 0.45 });
    expect(b.versions[0]!.pred).toBe(a.versions[0]!.pred);
    expect(b.versions[1]!.pred).not.toBe(a.versions[1]!.pred);
    expect(Array.from(b.versions[1]!.pred!)).toEqual(expected(score2, 0.45));
    // And back: the values are right whichever array they come in.
    const c = applyThresholds(ev, { v1: 0.5, v2: 0.3 });
    expect(Array.from(c.versions[1]!.pred!)).toEqual(expected(score2, 0.3));
  });
});
