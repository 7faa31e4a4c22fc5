import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { files, fixtureTable } from '../../test/fixtures';

function summary(...names: string[]) {
  const r = new Session().openBytes(files(...names.map((n) => `labels/${n}`)));
  expect(r.errors).toEqual([]);
  return r.summary!;
}

describe('label inferred from values when no column is named like one', () => {
  it('churned: the one boolean column beside boolean predictions', () => {
    const s = summary('churn.arrow');
    expect(s.inferred.label).toBe('churned');
    expect(s.inferred.task).toBe('binary');
    expect(s.labelInference.rule).toBe(
      'label inferred from values: churned (true/false, like pred_v1)',
    );
  });

  it('malignant: the one 0/1 column beside a score', () => {
    const s = summary('cancer.arrow');
    expect(s.inferred.label).toBe('malignant');
    expect(s.labelInference.rule).toMatch(/^label inferred from values: malignant/);
  });

  it('progression: several numeric columns fit a regression; the outcome name decides', () => {
    const s = summary('diabetes.arrow');
    expect(s.inferred).toMatchObject({ label: 'progression', task: 'regression' });
    expect(s.labelInference.candidates.map((c) => c.column).sort()).toEqual([
      'age',
      'bmi',
      'progression',
    ]);
    expect(s.labelInference.rule).toMatch(/from its name and values: progression/);
  });

  it('two booleans and no outcome name: nothing chosen, candidates ranked by agreement', () => {
    const s = summary('late-flights.arrow');
    expect(s.inferred.label).toBeNull();
    const [first, second] = s.labelInference.candidates;
    // Agreement with pred_v1 counted here through arrow-js rows, independently of the app.
    const t = fixtureTable('labels/late-flights.arrow');
    const agree = (col: string) => {
      let same = 0;
      for (let i = 0; i < t.numRows; i++)
        if (t.getChild(col)!.get(i) === t.getChild('pred_v1')!.get(i)) same++;
      return same / t.numRows;
    };
    expect(first).toMatchObject({ column: 'arrived_late', task: 'binary' });
    expect(first!.agreement).toBeCloseTo(agree('arrived_late'), 10);
    expect(second).toMatchObject({ column: 'weekend' });
    expect(second!.agreement).toBeCloseTo(agree('weekend'), 10);
    expect(first!.agreement).toBeGreaterThan(0.8);
  });

  it('a column named label is still taken by its name, with no inference note', () => {
    const s = summary('fraud.arrow');
    expect(s.inferred.label).toBe('label');
    expect(s.labelInference).toEqual({ rule: null, candidates: [] });
  });
});
