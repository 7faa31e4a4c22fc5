import { describe, expect, it } from 'vitest';
import type { Column } from '../../data/types';
import { type CohortData, CohortError, cohortMask, popcount } from './evaluate';
import type { Predicate } from '../../shared/predicate';

// Six rows, hand-made: nulls in every kind of column.
const cols: Column[] = [
  {
    kind: 'numeric',
    name: 'age',
    values: Float64Array.from([20, 35, NaN, 50, 35, 80]),
    integral: true,
  },
  {
    kind: 'string',
    name: 'country',
    codes: Int32Array.from([0, 1, 0, -1, 2, 1]),
    dictionary: ['FR', 'DE', 'fr-CA'],
  },
  { kind: 'boolean', name: 'member', values: Uint8Array.from([1, 0, 2, 1, 0, 1]) },
  {
    kind: 'timestamp',
    name: 'at',
    values: Float64Array.from([0, 1000, 2000, NaN, 4000, 5000]),
    timezone: null,
    dateOnly: false,
  },
];
// classes a, b, c; label with one null; v1/v2 predictions with one null each.
const data: CohortData = {
  n: 6,
  column: (name) => cols.find((c) => c.name === name),
  label: Int32Array.from([0, 1, 2, 0, -1, 1]),
  classes: ['a', 'b', 'c'],
  version: (name) =>
    ({
      v1: {
        pred: Int32Array.from([0, 0, 2, 1, 1, -1]),
        score: Float32Array.from([0.9, 0.2, NaN, 0.7, 0.5, 0.1]),
      },
      v2: { pred: Int32Array.from([0, 1, 1, 1, 1, 1]), score: null },
    })[name],
  idKey: (i) => (i === 5 ? null : `r${i}`),
};

const rows = (p: Predicate) => Array.from(cohortMask(p, data)).flatMap((v, i) => (v ? [i] : []));

describe('cohort predicates', () => {
  it('range: inclusive ends, open ends, NaN is never in or out', () => {
    expect(rows({ op: 'range', column: 'age', min: 30, max: 50 })).toEqual([1, 3, 4]);
    expect(rows({ op: 'range', column: 'age', min: null, max: 35 })).toEqual([0, 1, 4]);
    // NOT(range) must not pick up the null row 2.
    expect(rows({ op: 'not', child: { op: 'range', column: 'age', min: 30, max: 50 } })).toEqual([
      0, 5,
    ]);
    expect(rows({ op: 'range', column: 'at', min: 1000, max: 4000 })).toEqual([1, 2, 4]);
  });

  it('in: strings, booleans, numbers; null codes are unknown', () => {
    expect(rows({ op: 'in', column: 'country', values: ['FR', 'DE'] })).toEqual([0, 1, 2, 5]);
    expect(rows({ op: 'not', child: { op: 'in', column: 'country', values: ['FR'] } })).toEqual([
      1, 4, 5,
    ]);
    expect(rows({ op: 'in', column: 'member', values: ['true'] })).toEqual([0, 3, 5]);
    expect(rows({ op: 'in', column: 'age', values: ['35', '80'] })).toEqual([1, 4, 5]);
  });

  it('text contains (case-insensitive by default) and regex', () => {
    expect(rows({ op: 'text', column: 'country', pattern: 'fr', mode: 'contains' })).toEqual([
      0, 2, 4,
    ]);
    expect(
      rows({ op: 'text', column: 'country', pattern: 'fr', mode: 'contains', caseSensitive: true }),
    ).toEqual([4]);
    expect(
      rows({
        op: 'text',
        column: 'country',
        pattern: '^[A-Z]{2}$',
        mode: 'regex',
        caseSensitive: true,
      }),
    ).toEqual([0, 1, 2, 5]);
    expect(() => rows({ op: 'text', column: 'country', pattern: '([', mode: 'regex' })).toThrow(
      /invalid regular expression/,
    );
  });

  it('isNull for every kind, and it is never unknown', () => {
    expect(rows({ op: 'isNull', column: 'age' })).toEqual([2]);
    expect(rows({ op: 'isNull', column: 'country' })).toEqual([3]);
    expect(rows({ op: 'isNull', column: 'member' })).toEqual([2]);
    expect(rows({ op: 'not', child: { op: 'isNull', column: 'at' } })).toEqual([0, 1, 2, 4, 5]);
  });

  it('and / or / not follow three-valued logic', () => {
    const age: Predicate = { op: 'range', column: 'age', min: 30, max: 100 }; // T:1,3,4,5 U:2
    const fr: Predicate = { op: 'in', column: 'country', values: ['FR'] }; // T:0,2 U:3
    // OR: row 2 is TRUE via FR even though age is null; row 3 TRUE via age.
    expect(rows({ op: 'or', children: [age, fr] })).toEqual([0, 1, 2, 3, 4, 5]);
    // AND: row 2 is UNKNOWN (null age) and stays out; row 3 is UNKNOWN (null country).
    expect(rows({ op: 'and', children: [age, fr] })).toEqual([]);
    // NOT(AND) keeps unknowns out as well.
    expect(rows({ op: 'not', child: { op: 'and', children: [age, fr] } })).toEqual([0, 1, 4, 5]);
  });

  it('empty and full results; empty and/or', () => {
    expect(rows({ op: 'range', column: 'age', min: 1000, max: null })).toEqual([]);
    expect(popcount(cohortMask({ op: 'and', children: [] }, data))).toBe(6);
    expect(popcount(cohortMask({ op: 'or', children: [] }, data))).toBe(0);
  });

  it('role predicates: label, predicted, score, outcome, changed, flips, ids', () => {
    expect(rows({ op: 'label', values: ['a'] })).toEqual([0, 3]);
    expect(rows({ op: 'predicted', version: 'v2', values: ['b'] })).toEqual([1, 2, 3, 4, 5]);
    expect(rows({ op: 'score', version: 'v1', min: 0.5, max: null })).toEqual([0, 3, 4]);
    // v1 correct: rows 0 (a=a), 2 (c=c). Row 4 has no label, row 5 no prediction.
    expect(rows({ op: 'outcome', version: 'v1', correct: true })).toEqual([0, 2]);
    expect(rows({ op: 'outcome', version: 'v1', correct: false })).toEqual([1, 3]);
    expect(rows({ op: 'changed', a: 'v1', b: 'v2' })).toEqual([1, 2]);
    // v1 → v2: row 1 wrong→correct (label b; v1 a, v2 b); row 2 correct→wrong (label c; v1 c, v2 b).
    expect(rows({ op: 'flip', from: 'v1', to: 'v2', kind: 'correct-to-wrong' })).toEqual([2]);
    expect(rows({ op: 'flip', from: 'v1', to: 'v2', kind: 'wrong-to-correct' })).toEqual([1]);
    expect(rows({ op: 'ids', ids: ['r1', 'r4', 'nope'] })).toEqual([1, 4]);
  });

  it('names the missing column or version', () => {
    expect(() => rows({ op: 'range', column: 'height', min: 0, max: 1 })).toThrow(CohortError);
    expect(() => rows({ op: 'range', column: 'height', min: 0, max: 1 })).toThrow(/"height"/);
    expect(() => rows({ op: 'outcome', version: 'v9', correct: true })).toThrow(/"v9"/);
    expect(() => rows({ op: 'range', column: 'country', min: 0, max: 1 })).toThrow(/not numeric/);
  });
});
