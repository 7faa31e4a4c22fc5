import { describe, expect, it } from 'vitest';
import { inferRoles } from './inferRoles';
import type { ColumnInfo } from './types';

type Partial = Pick<ColumnInfo, 'name' | 'kind'> & Record<string, unknown>;

function col(c: Partial): ColumnInfo {
  return {
    arrowType: '',
    nullCount: 0,
    distinct: null,
    min: null,
    max: null,
    integral: false,
    dim: null,
    sample: [],
    ...c,
  } as ColumnInfo;
}
const num = (name: string, min: number, max: number, integral = false, distinct = 100) =>
  col({ name, kind: 'numeric', min, max, integral, distinct });
const str = (name: string, distinct: number) => col({ name, kind: 'string', distinct });
const vec = (name: string, dim: number, min = -3, max = 3) =>
  col({ name, kind: 'vector', dim, min, max });

describe('inferRoles', () => {
  it('finds a score word between a subject and the version (churn_score_v1)', () => {
    const r = inferRoles(
      [
        str('customer_id', 1000),
        num('tenure_months', 0, 59, true, 60),
        num('churn_score_v1', 0.01, 0.99),
        num('churn_score_v2', 0.01, 0.99),
        num('top_p_mass', 0, 1),
      ],
      {},
      null,
    );
    expect(r.versions.map((v) => [v.name, v.score])).toEqual([
      ['v1', 'churn_score_v1'],
      ['v2', 'churn_score_v2'],
    ]);
  });

  it('reads prefix and suffix version naming, probabilities, embeddings and coordinates', () => {
    const r = inferRoles(
      [
        str('customer_id', 1000),
        num('label', 0, 4, true, 5),
        num('v1_pred', 0, 4, true, 5),
        vec('v1_probs', 5, 0, 1),
        num('pred_v2', 0, 4, true, 5),
        vec('probs_v2', 5, 0, 1),
        vec('embedding', 64),
        num('umap_x', -5, 5),
        num('umap_y', -5, 5),
        num('age', 18, 90, true, 70),
      ],
      {},
      null,
    );
    expect(r.id).toBe('customer_id');
    expect(r.label).toBe('label');
    expect(r.task).toBe('multiclass');
    expect(r.versions).toEqual([
      {
        name: 'v1',
        prediction: 'v1_pred',
        score: null,
        probabilities: 'v1_probs',
        classColumns: [],
      },
      {
        name: 'v2',
        prediction: 'pred_v2',
        score: null,
        probabilities: 'probs_v2',
        classColumns: [],
      },
    ]);
    expect(r.embeddings).toEqual(['embedding']);
    expect(r.coords).toEqual(['umap_x', 'umap_y']);
  });

  it('binary scores, one column per class, x/y and tsne_1/tsne_2', () => {
    const bin = inferRoles(
      [
        num('id', 0, 9, true),
        num('target', 0, 1, true, 2),
        num('score_a', 0, 1),
        num('score_b', 0, 1),
        num('x', 0, 1),
        num('y', 0, 1),
      ],
      {},
      null,
    );
    expect(bin.task).toBe('binary');
    expect(bin.versions.map((v) => [v.name, v.score])).toEqual([
      ['a', 'score_a'],
      ['b', 'score_b'],
    ]);
    expect(bin.coords).toEqual(['x', 'y']);

    const per = inferRoles(
      [
        str('label', 3),
        num('prob_m1_cat', 0, 1),
        num('prob_m1_dog', 0, 1),
        num('prob_m1_bird', 0, 1),
        num('tsne_1', -9, 9),
        num('tsne_2', -9, 9),
      ],
      {},
      null,
    );
    expect(per.versions).toEqual([
      {
        name: 'm1',
        prediction: null,
        score: null,
        probabilities: null,
        classColumns: ['prob_m1_cat', 'prob_m1_dog', 'prob_m1_bird'],
      },
    ]);
    expect(per.coords).toEqual(['tsne_1', 'tsne_2']);
  });

  it('regression when the label and predictions are continuous', () => {
    const r = inferRoles(
      [num('y_true', -3.5, 20.1), num('prediction_base', -1, 19), num('prediction_new', -2, 21)],
      {},
      null,
    );
    expect(r.task).toBe('regression');
    expect(r.versions.map((v) => v.name)).toEqual(['base', 'new']);
  });

  it('an unversioned prediction is one version called "model"; no label is fine', () => {
    const r = inferRoles([str('id', 10), str('prediction', 3)], {}, null);
    expect(r.label).toBeNull();
    expect(r.versions.map((v) => v.name)).toEqual(['model']);
  });

  it('schema metadata wins, and names that are not columns are dropped', () => {
    const meta = {
      'workbench.roles': JSON.stringify({
        id: 'key',
        label: 'truth',
        task: 'binary',
        versions: [
          { name: 'prod', score: 's1' },
          { name: 'cand', score: 'missing_col' },
        ],
      }),
    };
    const r = inferRoles([str('key', 5), num('truth', 0, 1, true, 2), num('s1', 0, 1)], meta, null);
    expect(r.id).toBe('key');
    expect(r.versions).toEqual([
      { name: 'prod', prediction: null, score: 's1', probabilities: null, classColumns: [] },
      { name: 'cand', prediction: null, score: null, probabilities: null, classColumns: [] },
    ]);
  });

  it('broken metadata JSON falls back to inference', () => {
    const r = inferRoles(
      [str('id', 5), num('label', 0, 1, true, 2), num('score', 0, 1)],
      { 'workbench.roles': '{nope' },
      null,
    );
    expect(r.versions.map((v) => v.score)).toEqual(['score']);
  });
});
