import { describe, expect, it } from 'vitest';
import type { CohortDef } from '../protocol';
import { mergeCohorts } from './mergeCohorts';

const c = (id: string, name = id): CohortDef => ({
  id,
  name,
  predicate: { op: 'isNull', column: 'age' },
});

describe('two tabs merge cohorts by id', () => {
  it('keeps both tabs’ new cohorts (the last writer used to replace the other’s)', () => {
    const stored = { cohorts: [c('a'), c('fromB')], deleted: [] };
    const mine = { cohorts: [c('a'), c('fromA')], deleted: [] };
    expect(mergeCohorts(stored, mine).cohorts.map((x) => x.id)).toEqual(['a', 'fromB', 'fromA']);
  });

  it('this tab’s edit of a cohort wins; a deletion in either tab stays deleted', () => {
    const stored = { cohorts: [c('a'), c('b'), c('gone')], deleted: ['x'] };
    const mine = { cohorts: [c('a', 'renamed'), c('x')], deleted: ['b'] };
    const merged = mergeCohorts(stored, mine);
    expect(merged.cohorts.map((x) => [x.id, x.name])).toEqual([
      ['a', 'renamed'],
      ['gone', 'gone'],
    ]);
    expect(merged.deleted.sort()).toEqual(['b', 'x']);
  });
});
