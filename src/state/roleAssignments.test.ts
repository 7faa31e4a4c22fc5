import { describe, expect, it } from 'vitest';
import { fromAssignments, toAssignments } from './roleAssignments';
import type { RoleMapping } from '../shared/roles';

const base: RoleMapping = {
  id: 'id',
  label: 'label',
  task: 'multiclass',
  positiveClass: null,
  versions: [],
  embeddings: [],
  coords: null,
  ignored: [],
  images: ['photo'],
  texts: ['review'],
};
const columns = ['id', 'label', 'photo', 'review', 'age'];

describe('image and text roles in the mapping table', () => {
  it('show as roles of their own, not features, and survive the round trip', () => {
    const rows = toAssignments(columns, base);
    expect(rows.map((r) => r.role)).toEqual(['id', 'label', 'image', 'text', 'feature']);
    expect(fromAssignments(rows, base)).toMatchObject({ images: ['photo'], texts: ['review'] });
  });

  it('are corrected like any role: an image made a feature, a feature made text', () => {
    const rows = toAssignments(columns, base).map((r) =>
      r.column === 'photo'
        ? { ...r, role: 'ignore' as const }
        : r.column === 'age'
          ? { ...r, role: 'text' as const }
          : r,
    );
    const m = fromAssignments(rows, base);
    expect(m).toMatchObject({ images: [], texts: ['review', 'age'], ignored: ['photo'] });
  });

  it('reads a mapping saved before these roles existed (no images or texts keys)', () => {
    const old = { ...base, images: undefined, texts: undefined };
    expect(toAssignments(columns, old).map((r) => r.role)).toEqual([
      'id',
      'label',
      'feature',
      'feature',
      'feature',
    ]);
  });
});
