import { formatCount, formatPercent, formatThreshold } from '../../../ui/format';
import type { VersionPoint } from '../../../protocol';

interface Props {
  points: VersionPoint[];
  baseline: string;
  cohortName: string | null;
}

/** Each version's operating point side by side: a real table, headers name version and metric. */
export function OperatingPointTable({ points, baseline, cohortName }: Props) {
  return (
    <table className="operating-points">
      <caption>
        Operating points in {cohortName ?? 'All rows'}: a row is flagged when its score ≥ the
        version&apos;s threshold
      </caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Threshold</th>
          <th scope="col">Alerts</th>
          <th scope="col">Alert rate</th>
          <th scope="col">TPR (recall)</th>
          <th scope="col">FPR</th>
          <th scope="col">Precision</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.version}>
            <th scope="row">
              {p.version}
              {p.version === baseline ? ' (baseline)' : ''}
            </th>
            <td className="num">{formatThreshold(p.threshold)}</td>
            <td className="num">{formatCount(p.alerts)}</td>
            <td className="num">{formatPercent(p.alertRate)}</td>
            <td className="num">{formatPercent(p.tpr)}</td>
            <td className="num">{formatPercent(p.fpr)}</td>
            <td className="num">{formatPercent(p.precision)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
