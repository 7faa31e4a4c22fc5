import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { aucStandardError } from './sanityChecks';
import { files, fixtureTable } from '../../test/fixtures';

function analyse(name: string) {
  const s = new Session();
  const r = s.openBytes(files(`labels/${name}`));
  return { s, roles: r.summary!.inferred };
}

/** ROC-AUC as the Mann-Whitney U over arrow-js rows (ties count half): independent of the engine. */
function aucByRows(name: string, label: string, positive: number, score: string): number {
  const t = fixtureTable(`labels/${name}`);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < t.numRows; i++)
    (t.getChild(label)!.get(i) === positive ? pos : neg).push(t.getChild(score)!.get(i));
  let u = 0;
  for (const p of pos) for (const q of neg) u += p > q ? 1 : p === q ? 0.5 : 0;
  return u / (pos.length * neg.length);
}

describe('sanity checks', () => {
  it('Hanley-McNeil standard error: AUC 0.8 with 50 per class is 0.0445 (worked by hand)', () => {
    // q1 = .8/1.2, q2 = 1.28/1.8; (0.16 + 49(q1 - .64) + 49(q2 - .64)) / 2500 = 0.0019804
    expect(aucStandardError(0.8, 50, 50)).toBeCloseTo(0.0445, 4);
  });

  it('cancer: a score of the other class gets "swap the positive class", which fixes the AUC', () => {
    const { s, roles } = analyse('cancer.arrow');
    const a = s.analyse(roles);
    expect(a.positiveClass).toBe('1');
    expect(a.metrics[0]!.auc).toBeCloseTo(
      aucByRows('cancer.arrow', 'malignant', 1, 'score_v1'),
      10,
    );
    expect(a.metrics[0]!.auc).toBeLessThan(0.2);
    expect(a.checks).toHaveLength(1);
    expect(a.checks[0]!.message).toMatch(/scores look like P\(0\), not P\(1\)/);
    expect(a.checks[0]!.fix).toMatchObject({ kind: 'positive-class', positiveClass: '0' });
    const fixed = s.analyse({ ...roles, positiveClass: '0' });
    expect(fixed.metrics[0]!.auc).toBeCloseTo(
      aucByRows('cancer.arrow', 'malignant', 0, 'score_v1'),
      10,
    );
    expect(fixed.checks).toEqual([]);
  });

  it('fraud: predictions off their own score on 20 of 400 rows (every 20th row, by construction)', () => {
    const { s, roles } = analyse('fraud.arrow');
    const a = s.analyse(roles);
    expect(a.checks.map((c) => c.message)).toEqual([
      'v1: the predicted class disagrees with its own score at threshold 0.5 on 20 of 400 rows (5.0%).',
    ]);
    expect(a.checks[0]!.fix).toMatchObject({ kind: 'predict-from-score', version: 'v1' });
    const v1 = roles.versions[0]!;
    const fixed = s.analyse({ ...roles, versions: [{ ...v1, prediction: null }] });
    expect(fixed.checks).toEqual([]);
  });

  it('no check fires on a clean file', () => {
    const { s, roles } = analyse('churn.arrow');
    expect(s.analyse(roles).checks).toEqual([]);
  });
});
