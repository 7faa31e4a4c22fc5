import { useCompare } from '../../../state/compareStore';
import { useSession } from '../../../state/query/useSession';
import { RuleEditor } from './RuleEditor';
import { RulesGrid } from './RulesGrid';
import { ShipVerdicts } from './ShipVerdicts';
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
          <ShipVerdicts result={data} task={task} />
          <RulesGrid result={data} task={task} />
          <p className="note rules-note">
            Each non-baseline version is checked against the baseline on the same rows, and each
            rule is a test against its limit. A cell <strong>passes</strong> when the whole 95%
            interval is on the safe side of the limit (non-inferiority shown),{' '}
            <strong>fails</strong> when the whole interval is beyond it, and is{' '}
            <strong>inconclusive</strong> otherwise, with the rows that would decide at the observed
            effect. p is one-sided against the limit, in the direction of the estimate: the paired
            difference of the rows that changed (accuracy, share above a threshold; Agresti–Min), a
            seeded paired Poisson bootstrap (AUC, MAE, RMSE, macro-F1), an exact binomial test for
            the negative flip rate (Clopper–Pearson interval). q is p adjusted with
            Benjamini–Hochberg across the {data.tests} {data.tests === 1 ? 'test' : 'tests'} in this
            grid; a pass or a fail also needs q ≤ {data.fdr}. A version ships when every check
            passes, does not when any fails, and otherwise there is not enough evidence.
          </p>
        </>
      )}
      {loading && rules.length > 0 && (
        <p className="note" data-report-skip="">
          Checking the rules…
        </p>
      )}
    </section>
  );
}
