import { useCompare } from '../../../state/compareStore';
import { useSession } from '../../../state/query/useSession';
import { RuleEditor } from './RuleEditor';
import { RulesGrid } from './RulesGrid';
import { useRules } from './useRules';

/** Release rules: the editor, the cohort × rule grid, and what pass / fail mean. */
export function RulesPanel() {
  const { task, versions } = useSession();
  const rules = useCompare((s) => s.rules);
  const setRules = useCompare((s) => s.setRules);
  const { data, error, loading } = useRules();
  return (
    <section className="panel rules-panel" aria-labelledby="rules-heading" aria-busy={loading}>
      <h2 id="rules-heading">Release rules</h2>
      <RuleEditor rules={rules} task={task} onChange={setRules} />
      {versions.length < 2 && <p className="note">Rules compare versions: map at least two.</p>}
      {error && <p role="alert">Could not check the rules: {error}</p>}
      {rules.length > 0 && data && (
        <>
          {data.invalid.map((x) => (
            <p key={x.ruleId} className="note">
              A rule ({x.ruleId}) was skipped: it {x.reason}.
            </p>
          ))}
          <RulesGrid result={data} task={task} />
          <p className="note rules-note">
            Each non-baseline version is checked against the baseline on the same rows. A cell{' '}
            <strong>fails</strong> when the estimate is beyond the rule&apos;s limit and the test
            rejects; it is <strong>not significant</strong> when the estimate is beyond the limit
            but the test does not reject (too few rows to tell); it <strong>passes</strong> when the
            estimate is within the limit. Tests: McNemar on the rows that changed (accuracy, share
            above a threshold; exact below 25 changed rows), a seeded paired bootstrap (macro-F1,
            AUC, MAE, RMSE; each cell names its resamples), and an exact one-sided binomial test of
            &quot;rate ≤ limit&quot; for the negative flip rate. Intervals are 95% (paired
            bootstrap; Wilson for the flip rate). p-values are corrected with Benjamini–Hochberg
            across the {data.tests} {data.tests === 1 ? 'test' : 'tests'} in this grid (false
            discovery rate {data.fdr * 100}%): q is the adjusted p, and a cell fails only when q ≤{' '}
            {data.fdr}.
          </p>
        </>
      )}
      {loading && rules.length > 0 && <p className="note">Checking the rules…</p>}
    </section>
  );
}
