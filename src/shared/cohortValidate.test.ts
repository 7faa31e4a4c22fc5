import { describe, expect, it } from 'vitest';
import { parseCohort, parsePredicate, pruneMissing } from './cohortValidate';

describe('parsePredicate', () => {
  it('accepts well-formed trees and rejects malformed or hostile input', () => {
    const ok = {
      op: 'and',
      children: [
        { op: 'range', column: 'age', min: 1, max: null },
        { op: 'not', child: { op: 'isNull', column: 'x' } },
      ],
    };
    expect(parsePredicate(ok)).toEqual(ok);
    expect(parsePredicate({ op: 'range', column: 'age', min: '1', max: 2 })).toBeNull();
    expect(parsePredicate({ op: 'eval', code: 'alert(1)' })).toBeNull();
    expect(
      parsePredicate({ op: 'and', children: [{ op: 'in', column: 'c', values: [1] }] }),
    ).toBeNull();
    expect(parsePredicate(null)).toBeNull();
    let deep: unknown = { op: 'isNull', column: 'x' };
    for (let i = 0; i < 100; i++) deep = { op: 'not', child: deep };
    expect(parsePredicate(deep)).toBeNull();
  });
  it('parseCohort needs a name and a predicate', () => {
    expect(parseCohort({ name: 'A', predicate: { op: 'label', values: ['1'] } })).toEqual({
      id: '',
      name: 'A',
      predicate: { op: 'label', values: ['1'] },
    });
    expect(parseCohort({ predicate: { op: 'label', values: ['1'] } })).toBeNull();
  });
});

describe('pruneMissing', () => {
  const has = { column: (c: string) => c !== 'height', version: (v: string) => v !== 'v9' };
  it('drops conditions on missing columns and versions, keeps the others, says which', () => {
    const r = pruneMissing(
      {
        op: 'and',
        children: [
          { op: 'range', column: 'height', min: 1, max: 2 },
          { op: 'in', column: 'country', values: ['FR'] },
          { op: 'outcome', version: 'v9', correct: false },
        ],
      },
      has,
    );
    expect(r.predicate).toEqual({
      op: 'and',
      children: [{ op: 'in', column: 'country', values: ['FR'] }],
    });
    expect(r.missing).toEqual(['column "height"', 'version "v9"']);
  });
  it('returns null when nothing is left', () => {
    expect(
      pruneMissing({ op: 'not', child: { op: 'isNull', column: 'height' } }, has).predicate,
    ).toBeNull();
  });
});
