import type { Field } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnNames } from './fromArrow';

// Arrow allows a field without a name, and repeated names; a flipped byte can drop a name.
describe('column names', () => {
  it('gives every column one name: missing ones numbered, repeats suffixed', () => {
    const fields = ['a', null, 'a', '', 'a'].map((name) => ({ name }) as unknown as Field);
    expect(columnNames(fields)).toEqual(['a', '(column 2)', 'a (2)', '(column 4)', 'a (3)']);
  });
});
