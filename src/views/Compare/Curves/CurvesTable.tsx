import type { CurveMark, Curves } from '../../../protocol';
import { formatCount, formatMetric, formatPercent, formatThreshold } from '../../../ui/format';

interface Props {
  data: Curves;
  baseline: string;
  where: string;
}

function MarkCells({ m }: { m: CurveMark | null }) {
  if (!m) return <td colSpan={3}>–</td>;
  return (
    <>
      <td className="num">{formatThreshold(m.threshold)}</td>
      <td className="num">{formatPercent(m.tpr)}</td>
      <td className="num">{formatPercent(m.precision)}</td>
    </>
  );
}

/** The curves' numbers: areas, and the marked operating points as a table a reader can quote. */
export function CurvesTable({ data, baseline, where }: Props) {
  const binary = data.kind === 'binary';
  return (
    <table className="curves-table">
      <caption>
        Areas{binary ? ' and marked operating points' : ''} in {where}
        {data.kind === 'one-vs-rest' ? `, class “${data.positive}” vs the rest` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Positives</th>
          <th scope="col">Negatives</th>
          <th scope="col">ROC-AUC</th>
          <th scope="col">PR-AUC (AP)</th>
          {binary && (
            <>
              <th scope="col">Threshold</th>
              <th scope="col">TPR</th>
              <th scope="col">Precision</th>
              <th scope="col">Threshold at {baseline}&apos;s FPR</th>
              <th scope="col">TPR there</th>
              <th scope="col">Precision there</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {data.versions.map((v) => (
          <tr key={v.version}>
            <th scope="row">
              {v.version}
              {v.version === baseline ? ' (baseline)' : ''}
            </th>
            <td className="num">{formatCount(v.nPos)}</td>
            <td className="num">{formatCount(v.nNeg)}</td>
            <td className="num">{formatMetric(v.auc)}</td>
            <td className="num">{formatMetric(v.ap)}</td>
            {binary && (
              <>
                <MarkCells m={v.chosen} />
                <MarkCells m={v.matched} />
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
