import { describe, expect, it } from 'vitest';
import { textConditions, textMarks } from './textMarks';
import type { Predicate } from '../../shared/predicate';

const contains = (pattern: string, column = 'review'): Predicate => ({
  op: 'text',
  column,
  pattern,
  mode: 'contains',
});

describe('textMarks', () => {
  it('collects the text conditions on one column, not those under "not"', () => {
    const p: Predicate = {
      op: 'and',
      children: [
        contains('late'),
        contains('x', 'other'),
        { op: 'not', child: contains('refund') },
      ],
    };
    expect(textConditions(p, 'review').map((c) => c.op === 'text' && c.pattern)).toEqual(['late']);
  });

  it('marks matches case-insensitively, merges overlaps, and escapes "contains" patterns', () => {
    const text = 'Late again. So LATE. a.b';
    expect(
      textMarks(
        text,
        textConditions({ op: 'or', children: [contains('late'), contains('ate ag')] }, 'review'),
      ),
    ).toEqual([
      [0, 7],
      [15, 19],
    ]);
    expect(
      textMarks(text, [{ op: 'text', column: 'r', pattern: 'a.b', mode: 'contains' }]),
    ).toEqual([[21, 24]]);
  });

  it('uses regex conditions as the cohort does, and ignores broken ones', () => {
    const re = (pattern: string, caseSensitive = false) =>
      ({ op: 'text', column: 'r', pattern, mode: 'regex', caseSensitive }) as const;
    expect(textMarks('order 12 and 345', [re('\\d+')])).toEqual([
      [6, 8],
      [13, 16],
    ]);
    expect(textMarks('Abc abc', [re('abc', true)])).toEqual([[4, 7]]);
    expect(textMarks('abc', [re('(')])).toEqual([]);
    // At most 2 matches are taken (adjacent ones merge): not [0, 4].
    expect(textMarks('aaaa', [re('a')], 2)).toEqual([[0, 2]]);
  });
});
