import { describe, expect, it } from 'vitest';
import { pairedMacroF1Counts, pairedMacroF1Statistic } from './stats';
import { classificationSummary } from '../../../engine/metrics';

describe('pairedMacroF1Statistic', () => {
  it('estimates the difference classificationSummary gives', () => {
    const label = Int32Array.from([0, 0, 1, 1, 2, 2, 0, 1, 2, 2]);
    const a = Int32Array.from([0, 1, 1, 1, 2, 0, 0, 2, 2, 2]);
    const b = Int32Array.from([0, 0, 1, 0, 2, 2, 1, 1, 2, -1]);
    const s = pairedMacroF1Statistic(label, a, b, 3);
    // The row with b missing (index 9) is left out of both sides.
    const rows = new Uint8Array(10).fill(1);
    rows[9] = 0;
    const fa = classificationSummary(label, a, 3, rows).macroF1;
    const fb = classificationSummary(label, b, 3, rows).macroF1;
    expect(s.size).toBe(9);
    expect(s.a).toBeCloseTo(fa, 14);
    expect(s.b).toBeCloseTo(fb, 14);
    expect(s.estimate).toBeCloseTo(fb - fa, 14);
    // A weight of 2 on a row is the same as duplicating it.
    const w = new Uint32Array(9).fill(1);
    w[0] = 2;
    const label2 = Int32Array.from([...label.slice(0, 9), 0]);
    const a2 = Int32Array.from([...a.slice(0, 9), 0]);
    const b2 = Int32Array.from([...b.slice(0, 9), 0]);
    const dup =
      classificationSummary(label2, b2, 3).macroF1 - classificationSummary(label2, a2, 3).macroF1;
    expect(s.evaluate(w)).toBeCloseTo(dup, 14);

    // The joint-count form: same estimate; doubling row 0's category duplicates it.
    const c = pairedMacroF1Counts(label, a, b, 3);
    expect(c.estimate).toBeCloseTo(s.estimate, 14);
    expect(c.categories.reduce((x, y) => x + y, 0)).toBe(9);
    const counts = c.categories.slice();
    counts[(0 * 3 + 0) * 3 + 0]! += 1;
    expect(c.evaluate(counts)).toBeCloseTo(dup, 14);
  });
});
