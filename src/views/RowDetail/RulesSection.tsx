import { useCompare } from '../../state/compareStore';
import { useView } from '../../state/viewStore';
import { client } from '../../worker/client';
import type { RowRulesResult } from '../../protocol';
import { describeRule } from '../Compare/Rules/describe';
import { useSession } from '../../state/query/useSession';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';
import type { FoundRow } from './types';

/** The release rules this row crosses between the baseline and each other version, in words. */
export function RulesSection({ d }: { d: FoundRow }) {
  const { baseline, task, versions } = useSession();
  const rules = useCompare((s) => s.rules);
  const setView = useView((s) => s.setView);
  const req = { row: d.index, rules, baseline };
  const { data, error } = useWorkerQuery<RowRulesResult>(
    rules.length > 0 && baseline ? req : null,
    () => client.rowRules(req),
  );
  const ruleOf = (id: string) => rules.find((r) => r.id === id);
  return (
    <section aria-labelledby="detail-rules">
      <h3 id="detail-rules">Release rules crossed</h3>
      {rules.length === 0 && (
        <p className="note">
          No release rules yet.{' '}
          <button type="button" className="link" onClick={() => setView('compare')}>
            Write them in the Compare view
          </button>
          .
        </p>
      )}
      {error && <p className="drawer-missing">Could not check the rules: {error}</p>}
      {rules.length > 0 && data && (
        <>
          {data.hits.length === 0 ? (
            <p>
              This row crosses none of the {rules.length} {rules.length === 1 ? 'rule' : 'rules'}{' '}
              between {baseline} and {versions.filter((v) => v !== baseline).join(', ')}.
            </p>
          ) : (
            <ul className="rule-hits" aria-label="Rules this row crosses">
              {data.hits.map((h, k) => {
                const r = ruleOf(h.ruleId);
                return (
                  <li key={k} className={`rule-hit ${h.effect}`}>
                    <strong>{r ? describeRule(r, task) : h.ruleId}</strong>
                    {versions.length > 2 ? ` (${h.version} vs ${h.baseline})` : ''}: {h.sentence}
                  </li>
                );
              })}
            </ul>
          )}
          {data.notPerRow.map((x) => {
            const r = ruleOf(x.ruleId);
            return (
              <p key={x.ruleId} className="note">
                {r ? describeRule(r, task) : x.ruleId}: {x.reason}
              </p>
            );
          })}
        </>
      )}
    </section>
  );
}
