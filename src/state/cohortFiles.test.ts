import { describe, expect, it } from 'vitest';
import { exportCohorts, importCohorts } from './cohortFiles';

const has = {
  column: (c: string) => ['age', 'country'].includes(c),
  version: (v: string) => v === 'v1',
};

describe('cohort files', () => {
  it('round-trips through export and import', () => {
    const text = exportCohorts([
      { id: 'a', name: 'Young', predicate: { op: 'range', column: 'age', min: null, max: 30 } },
    ]);
    const r = importCohorts(text, has);
    expect(r.problems).toEqual([]);
    expect(r.cohorts.map((c) => [c.name, c.predicate])).toEqual([
      ['Young', { op: 'range', column: 'age', min: null, max: 30 }],
    ]);
    expect(r.cohorts[0]!.id).not.toBe('a');
  });

  it('says which column is missing and keeps the rest', () => {
    const text = JSON.stringify({
      cohorts: [
        {
          name: 'Tall FR',
          predicate: {
            op: 'and',
            children: [
              { op: 'range', column: 'height', min: 180, max: null },
              { op: 'in', column: 'country', values: ['FR'] },
            ],
          },
        },
        { name: 'Only height', predicate: { op: 'isNull', column: 'height' } },
        { name: 'v1 wrong', predicate: { op: 'outcome', version: 'v1', correct: false } },
        { nope: true },
      ],
    });
    const r = importCohorts(text, has);
    expect(r.cohorts.map((c) => c.name)).toEqual(['Tall FR', 'v1 wrong']);
    expect(r.cohorts[0]!.predicate).toEqual({
      op: 'and',
      children: [{ op: 'in', column: 'country', values: ['FR'] }],
    });
    expect(r.problems).toEqual([
      'cohort "Tall FR" names column "height", which this dataset lacks; those conditions were left out',
      'cohort "Only height" was skipped: it only names column "height", which this dataset lacks',
      'the file: 1 entry: not a valid cohort definition (or a repeated id); left out',
    ]);
  });

  it('rejects non-JSON', () => {
    expect(importCohorts('<html>', has).problems).toEqual(['the file is not JSON']);
  });
});
