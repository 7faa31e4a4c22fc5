import { describe, expect, it } from 'vitest';
import { describeErrorChange, describeFlip } from './flips';

const v = (version: string, predicted: string | null) => ({ version, predicted });

describe('describeFlip', () => {
  it.each([
    ['3', '3', '3', 'both-correct', 'correct under both v1 and v2 (predicted 3)'],
    [
      '3',
      '5',
      '3',
      'correct-to-wrong',
      'correct under v1, wrong under v2 (v2 predicted 5; the label is 3)',
    ],
    [
      '5',
      '3',
      '3',
      'wrong-to-correct',
      'wrong under v1, correct under v2 (v1 predicted 5; the label is 3)',
    ],
    [
      '3',
      '5',
      '8',
      'both-wrong-changed',
      'wrong under both v1 and v2, prediction changed from 3 to 5 (the label is 8)',
    ],
    [
      '5',
      '5',
      '8',
      'both-wrong-same',
      'wrong under both v1 and v2, both predicted 5 (the label is 8)',
    ],
  ])('v1=%s v2=%s label=%s → %s', (a, b, label, kind, sentence) => {
    expect(describeFlip(v('v1', a), v('v2', b), label)).toEqual({ kind, sentence });
  });

  it('says when the label or a prediction is missing', () => {
    expect(describeFlip(v('a', 'x'), v('b', 'y'), null).sentence).toBe(
      'no label; prediction changed from x under a to y under b',
    );
    expect(describeFlip(v('a', 'x'), v('b', 'x'), null).kind).toBe('unchanged');
    expect(describeFlip(v('a', 'x'), v('b', null), 'x').sentence).toBe(
      'b has no prediction for this row',
    );
  });
});

describe('describeErrorChange', () => {
  it('words regression changes', () => {
    const f = (x: number) => x.toFixed(1);
    expect(describeErrorChange('v1', 'v2', 0.5, 1.5, f)).toBe(
      'absolute error grew from 0.5 under v1 to 1.5 under v2',
    );
    expect(describeErrorChange('v1', 'v2', 2, 1, f)).toMatch(/^absolute error shrank/);
    expect(describeErrorChange('v1', 'v2', 1, 1, f)).toBe(
      'absolute error unchanged at 1.0 under v1 and v2',
    );
  });
});
