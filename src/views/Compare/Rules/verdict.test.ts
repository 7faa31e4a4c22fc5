import { describe, expect, it } from 'vitest';
import type { RuleCell, RulesResult, Verdict } from '../../../protocol';
import { versionVerdicts } from './verdict';

function cell(version: string, cohortId: string, verdict: Verdict, extra: Partial<RuleCell> = {}) {
  return {
    ruleId: 'acc',
    cohortId,
    version,
    verdict,
    measure: 'change',
    limit: -0.005,
    failWhen: 'below',
    scale: 'fraction',
    value: -0.006,
    lo: -0.012,
    hi: -0.001,
    a: 0.9,
    b: 0.894,
    n: 4000,
    p: 0.4,
    sd: 0.2,
    q: 0.4,
    rowsNeeded: null,
    reason: verdict === 'not-applicable' ? 'binary only' : null,
    test: '',
    detail: '',
    ...extra,
  } satisfies RuleCell;
}

const result = (cells: RuleCell[]): RulesResult => ({
  baseline: 'v1',
  versions: ['v2', 'v3', 'v4', 'v5'],
  cohorts: [
    { id: '__all__', name: 'All rows', size: 4000, error: null },
    { id: 'n', name: 'Nines', size: 400, error: null },
  ],
  rules: [{ id: 'acc', kind: 'metric-drop', metric: 'accuracy', maxDropPoints: 0.5 }],
  invalid: [],
  cells,
  tests: cells.length,
  fdr: 0.05,
});

describe('a verdict per version', () => {
  const r = result([
    cell('v2', '__all__', 'pass'),
    cell('v2', 'n', 'fail', { value: -0.05, lo: -0.08, hi: -0.02 }),
    // The case: Δ −0.6 (−1.2 to −0.1) against a 0.5-point limit is not a failure.
    cell('v3', '__all__', 'pass'),
    cell('v3', 'n', 'inconclusive', { rowsNeeded: 52_000 }),
    cell('v4', '__all__', 'pass'),
    cell('v4', 'n', 'not-applicable'),
    cell('v5', '__all__', 'not-applicable'),
  ]);
  const [v2, v3, v4, v5] = versionVerdicts(r, 'multiclass');

  it('does not ship a version with a failing check, and names it', () => {
    expect(v2!.verdict).toBe('do-not-ship');
    expect(v2!.why).toMatch(
      /^fails “Accuracy must not drop by more than 0.5 points” in Nines: Δ −5.0 pts/,
    );
    expect(v2!.failing).toHaveLength(1);
  });

  it('has not enough evidence while a check is inconclusive, and says what would decide', () => {
    expect(v3!.verdict).toBe('not-enough-evidence');
    expect(v3!.why).toBe(
      '1 of 2 checks inconclusive, e.g. “Accuracy must not drop by more than 0.5 points” in Nines: about 52,000 rows would decide at this effect (4,000 now).',
    );
  });

  it('ships when every applicable check passes; with none, there is no evidence', () => {
    expect(v4!.verdict).toBe('ship');
    expect(v4!.why).toBe('the one check passes: every interval is on the safe side of its limit.');
    expect(v5).toMatchObject({ verdict: 'not-enough-evidence', why: 'no rule applies.' });
  });
});
