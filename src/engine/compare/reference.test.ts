import { describe, expect, it } from 'vitest';
import {
  expectAllRel,
  expectRel,
  floats,
  maskOf,
  reference as ref,
  type CountsRef,
} from '../stats/referenceFixture';
import { flips } from './flips';
import { jointHistogram2D, scoreHistogram } from './histogram';
import { shareAbove, shareAboveChange } from './shareAbove';
import { matchOperatingPoint, thresholdStats, type ThresholdStats } from './threshold';
import { confusionDelta, transitionMatrix } from './transition';

// Expected values: scripts/reference/compare_reference.py (numpy/scipy, independent code).

function expectCounts(s: ThresholdStats, e: CountsRef): void {
  expect([s.n, s.alerts, s.tp, s.fp, s.tn, s.fn]).toEqual([e.n, e.alerts, e.tp, e.fp, e.tn, e.fn]);
}

describe(`compare kernels vs numpy ${ref.numpy} / scipy ${ref.scipy} reference`, () => {
  it.each(ref.flips.map((c, i) => [i, c] as const))('flips and matrices, case %i', (_, c) => {
    const label = Int32Array.from(c.label);
    const a = Int32Array.from(c.predA);
    const b = Int32Array.from(c.predB);
    const mask = maskOf(c.mask);
    const f = flips(label, a, b, mask);
    for (const [key, value] of Object.entries(c.expected.flips)) {
      expect([key, f[key as keyof typeof f]]).toEqual([key, value]);
    }
    expect(f.negativeFlipRate).toBe(f.correctToWrong / f.evaluated);
    expect(Array.from(transitionMatrix(a, b, c.k, mask))).toEqual(c.expected.transition);
    const d = confusionDelta(label, a, b, c.k, mask);
    expect(Array.from(d.a)).toEqual(c.expected.confusionA);
    expect(Array.from(d.b)).toEqual(c.expected.confusionB);
    expect(d.n).toBe(c.expected.flips.evaluated);
  });

  it.each(ref.threshold.map((c, i) => [i, c] as const))('thresholds, case %i', (_, c) => {
    const labels = Int32Array.from(c.labels);
    const sa = floats(c.scoreA, c.dtype);
    const sb = floats(c.scoreB, c.dtype);
    const mask = maskOf(c.mask);
    const e = c.expected;
    c.thresholds.forEach((t, j) => expectCounts(thresholdStats(labels, sa, t, mask), e.stats[j]!));
    for (const by of ['fpr', 'alerts'] as const) {
      [0.3, 0.5, 0.8].forEach((thr, j) => {
        const m = matchOperatingPoint(labels, sa, thr, sb, by, mask);
        const x = e.match[by][j]!;
        // Thresholds are the other score's own values, compared in its float type.
        expect([m.threshold, m.target, m.achieved]).toEqual([x.threshold, x.target, x.achieved]);
        expectCounts(m.other, x.other);
        expect(by === 'fpr' ? m.other.fp : m.other.alerts).toBe(m.achieved);
      });
    }
  });

  it.each(ref.threshold.map((c, i) => [i, c] as const))('histograms, case %i', (_, c) => {
    const sa = floats(c.scoreA, c.dtype);
    const sb = floats(c.scoreB, c.dtype);
    const mask = maskOf(c.mask);
    for (const [bins, h] of Object.entries(c.expected.hist)) {
      const range = h.range === null ? undefined : { lo: h.range[0], hi: h.range[1] };
      const one = scoreHistogram(sa, Number(bins), mask, range);
      expectAllRel(one.edges, h.edges, 1e-15);
      expect(Array.from(one.counts)).toEqual(h.counts);
      const two = jointHistogram2D(sa, sb, Number(bins), mask, range);
      expectAllRel(two.edges, h.edges2d, 1e-15);
      expect(Array.from(two.counts)).toEqual(h.counts2d);
    }
  });

  it.each(ref.threshold.map((c, i) => [i, c] as const))('share above, case %i', (_, c) => {
    const sa = floats(c.scoreA, c.dtype);
    const sb = floats(c.scoreB, c.dtype);
    const mask = maskOf(c.mask);
    for (const e of c.expected.share) {
      const s = shareAboveChange(sa, sb, e.t, mask);
      expect([s.n, s.aboveA, s.aboveB, s.crossedDown, s.crossedUp]).toEqual([
        e.n,
        e.aboveA,
        e.aboveB,
        e.crossedDown,
        e.crossedUp,
      ]);
      expectRel(s.test.p, e.p, 1e-11);
      const one = shareAbove(sa, e.t, mask);
      expect([one.n, one.above]).toEqual([e.nA, e.aboveAOnly]);
    }
  });
});
