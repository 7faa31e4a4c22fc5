// `eagerByName` (choose.ts): the columns a Parquet open starts reading before it knows their
// types must be ones `deferredColumns` never defers, whatever the types turn out to be.
import { describe, expect, it } from 'vitest';
import { Field, Float32, Float64, FixedSizeList, Int32, List, Utf8 } from 'apache-arrow';
import { deferredColumns, eagerByName } from './choose';

const NAMES = [
  'id',
  'label',
  'pred_v1',
  'pred_v2',
  'probs_v1',
  'score',
  'p_cat',
  'image_url',
  'text',
  'model_version',
  'f_num0',
  'embedding',
  'age',
];
const TYPES = [
  () => new Float64(),
  () => new Int32(),
  () => new Utf8(),
  () => new List(new Field('item', new Float32())),
  () => new FixedSizeList(8, new Field('item', new Float32())),
];

describe('eagerByName', () => {
  it.each([
    ['no metadata', new Map<string, string>()],
    ['declared roles', new Map([['workbench.roles', JSON.stringify({ label: 'age' })]])],
  ])('names only columns that are never deferred (%s)', (_what, metadata) => {
    const early = eagerByName(NAMES, metadata);
    // The role-like names are among them: the open reads most of its first columns early.
    for (const n of ['id', 'label', 'pred_v1', 'probs_v1'])
      expect(early).toContain(NAMES.indexOf(n));
    expect(early).not.toContain(NAMES.indexOf('f_num0'));
    expect(early).not.toContain(NAMES.indexOf('embedding'));
    if (metadata.size) expect(early).toContain(NAMES.indexOf('age'));
    // Every assignment of a deferrable or eager type to every column (a few rotations).
    for (let r = 0; r < TYPES.length; r++) {
      const fields = NAMES.map((n, i) => new Field(n, TYPES[(i + r) % TYPES.length]!()));
      const later = new Set(deferredColumns(fields, metadata, { lists: true }));
      expect(later.size).toBeGreaterThan(0);
      for (const i of early) expect(later.has(i), NAMES[i]).toBe(false);
    }
  });

  it('names none when the file would be read whole', () => {
    expect(eagerByName(['a', 'b', 'embedding'], new Map())).toEqual([]); // no label
    expect(eagerByName(['label', 'label'], new Map())).toEqual([]); // repeated
    expect(eagerByName(['label', 'x'], new Map([['workbench.roles', '{bad']]))).toEqual([]);
  });
});
