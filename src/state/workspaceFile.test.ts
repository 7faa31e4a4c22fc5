import { describe, expect, it } from 'vitest';
import { exportWorkspace, importWorkspace } from './workspaceFile';
import type { RoleMapping } from '../shared/roles';

const roles: RoleMapping = {
  id: 'id',
  label: 'label',
  task: 'binary',
  positiveClass: null,
  versions: [
    { name: 'v1', prediction: null, score: 'score_v1', probabilities: null, classColumns: [] },
  ],
  embeddings: [],
  coords: null,
  ignored: [],
};
const has = {
  column: (c: string) => ['id', 'label', 'score_v1', 'age'].includes(c),
  version: (v: string) => v === 'v1',
};

describe('workspace file', () => {
  it('round-trips roles, cohorts, rules, thresholds and view', () => {
    const text = exportWorkspace({
      roles,
      cohorts: [
        { id: 'a', name: 'Old', predicate: { op: 'range', column: 'age', min: 60, max: null } },
      ],
      activeId: 'a',
      compare: {
        baseline: 'v1',
        thresholds: { v1: 0.3 },
        rules: [{ id: 'r', kind: 'negative-flip-rate', maxRate: 2 }],
      },
      view: 'compare',
      row: null,
    });
    const r = importWorkspace(text, has);
    expect(r.problems).toEqual([]);
    expect(r.workspace.roles).toEqual(roles);
    expect(r.workspace.cohorts.map((c) => c.name)).toEqual(['Old']);
    expect(r.workspace.compare).toEqual({
      baseline: 'v1',
      thresholds: { v1: 0.3 },
      rules: [{ id: 'r', kind: 'negative-flip-rate', maxRate: 2 }],
    });
    expect(r.workspace.view).toBe('compare');
  });

  it('keeps the current roles when the saved ones name missing columns, and says so', () => {
    const text = exportWorkspace({
      roles: { ...roles, label: 'truth' },
      cohorts: [],
      activeId: null,
      compare: { baseline: null, thresholds: {}, rules: [] },
      view: 'overview',
      row: null,
    });
    const r = importWorkspace(text, has);
    expect(r.workspace.roles).toBeUndefined();
    expect(r.problems[0]).toMatch(/truth/);
  });

  it('refuses other files', () => {
    expect(importWorkspace('{"cohorts": []}', has).problems).toEqual([
      'the file is not a workbench workspace',
    ]);
    expect(importWorkspace('nope', has).problems).toEqual(['the file is not JSON']);
  });
});
