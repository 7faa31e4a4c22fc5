import type { Task } from '../../../shared/roles';
import { formatCount } from '../../../ui/format';
import type { RuleCell, RulesResult } from '../../../protocol';
import { describeRule } from './describe';
import { VERDICT_NAMES, cellDetail } from './formatCell';
import { RuleNumbers } from './RuleNumbers';

interface Props {
  result: RulesResult;
  task: Task | null;
}

function Cell({ c, baseline }: { c: RuleCell | undefined; baseline: string }) {
  if (!c) return <td>–</td>;
  return (
    <td className={`rule-cell ${c.verdict}`}>
      <strong className="verdict-name" data-report-part="verdict">
        {VERDICT_NAMES[c.verdict]}
      </strong>
      <span className="rule-numbers">
        <RuleNumbers c={c} />
      </span>
      {c.reason === null && (
        <span className="rule-detail" data-report-part="detail">
          {cellDetail(c, baseline)}
        </span>
      )}
    </td>
  );
}

/**
 * The cohort × rule grid: a real table whose row headers name the cohort (and the version
 * checked against the baseline) and whose column headers name the rule.
 */
export function RulesGrid({ result, task }: Props) {
  const { baseline, versions, cohorts, rules, cells } = result;
  const byKey = new Map(cells.map((c) => [`${c.cohortId}|${c.version}|${c.ruleId}`, c]));
  const failed = cells.filter((c) => c.verdict === 'fail').length;
  return (
    <table className="rules-grid">
      <caption>
        Release rules, {versions.join(', ') || 'no other version'} against baseline {baseline}:{' '}
        {failed === 0 ? 'no rule fails' : `${failed} ${failed === 1 ? 'cell fails' : 'cells fail'}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Cohort</th>
          <th scope="col">Version</th>
          {rules.map((r) => (
            <th scope="col" key={r.id}>
              {describeRule(r, task)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cohorts.flatMap((co) =>
          versions.map((v) => (
            <tr key={`${co.id}|${v}`}>
              <th scope="row">
                {co.name}
                <span className="rule-detail">
                  {co.error ? co.error : `${formatCount(co.size)} rows`}
                </span>
              </th>
              <td>
                {v} vs {baseline}
              </td>
              {rules.map((r) => (
                <Cell key={r.id} c={byKey.get(`${co.id}|${v}|${r.id}`)} baseline={baseline} />
              ))}
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
