import type { Task } from '../../../shared/roles';
import type { RulesResult } from '../../../protocol';
import { RuleNumbers } from './RuleNumbers';
import { SHIP_NAMES, cellPlace, versionVerdicts, type ShipVerdict } from './verdict';

/** The grid's colour classes for a version's verdict (the report reads them as tones). */
const TONE: Record<ShipVerdict, string> = {
  ship: 'pass',
  'do-not-ship': 'fail',
  'not-enough-evidence': 'inconclusive',
};

/**
 * The decision first: per version ship / do not ship / not enough evidence with one line why,
 * then every failing check. The report opens with this block (data-ship-verdict), so the
 * report's walk over the view skips it where it stands.
 */
export function ShipVerdicts({ result, task }: { result: RulesResult; task: Task | null }) {
  const verdicts = versionVerdicts(result, task);
  const failing = verdicts.flatMap((v) => v.failing);
  return (
    <div className="ship-verdicts" data-ship-verdict="" data-report-skip="">
      <table className="ship-verdict-table">
        <caption>Release verdict against baseline {result.baseline}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td className={`rule-cell ${TONE[v.verdict]}`}>
                <strong>{SHIP_NAMES[v.verdict]}</strong>
              </td>
              <td>{v.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {failing.length > 0 && (
        <table className="ship-failing-table">
          <caption>Failing rules</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Rule and cohort</th>
              <th scope="col">Estimate</th>
            </tr>
          </thead>
          <tbody>
            {failing.map((c) => (
              <tr key={`${c.version}|${c.cohortId}|${c.ruleId}`}>
                <th scope="row">{c.version}</th>
                <td>{cellPlace(c, result, task)}</td>
                <td>
                  <RuleNumbers c={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
