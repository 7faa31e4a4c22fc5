import { describe, expect, it } from 'vitest';
import { IdIndex } from './idIndex';
import { FoldedIds, boundedEditDistance } from './idSearch';

const index = (ids: string[]) => new IdIndex(ids.length, (i) => ids[i]!);

describe('boundedEditDistance', () => {
  const row = new Int32Array(32);
  it.each([
    ['d00084', 'd00084', 0],
    ['d0o084', 'd00084', 1],
    ['kitten', 'sitting', 3],
    ['abc', '', 3],
    ['c-000123', 'c000123', 1],
  ])('%s ~ %s = %i (hand-counted)', (a, b, d) => {
    expect(boundedEditDistance(a, b, 5, row)).toBe(d);
  });
  it('stops past the bound', () => {
    expect(boundedEditDistance('kitten', 'sitting', 2, row)).toBe(3);
    expect(boundedEditDistance('a', 'abcdef', 2, row)).toBe(3);
  });
});

describe('FoldedIds', () => {
  const ids = ['C-000123', 'C-000124', 'd00084', 'D00084', 'd00085', 'x1', 'x1'];
  const folded = new FoldedIds(index(ids).distinct());
  it('finds an id in another case only when that is unambiguous', () => {
    expect(folded.sameIgnoringCase('c-000123')).toEqual({ id: 'C-000123', count: 1 });
    expect(folded.sameIgnoringCase('D00084')).toBeNull(); // d00084 and D00084 both exist
    expect(folded.sameIgnoringCase('X1')).toEqual({ id: 'x1', count: 2 });
    expect(folded.sameIgnoringCase('nope')).toBeNull();
  });
  it('suggests prefixes ignoring case', () => {
    expect(folded.withPrefix('c-00012', 5).map((h) => h.id)).toEqual(['C-000123', 'C-000124']);
  });
  it('suggests the nearest ids for a typo, closest first', () => {
    expect(folded.nearest('d0o084', 2, 3).map((h) => h.id)).toEqual(['D00084', 'd00084', 'd00085']);
    expect(folded.nearest('zzzzzz', 2, 3)).toEqual([]);
  });
  it('IdIndex lists distinct ids with counts and spread examples', () => {
    const ix = index(ids);
    expect(ix.distinct()).toHaveLength(6);
    expect(ix.distinctCount).toBe(6);
    expect(ix.examples(3)).toEqual(['C-000123', 'd00084', 'x1']);
  });
});
