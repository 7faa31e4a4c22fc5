import type { Analysis } from '../../worker/protocol';
import { formatCount, formatNumber, formatPercent } from '../../ui/format';

type Metric = { key: 'accuracy' | 'macroF1' | 'auc' | 'mae' | 'rmse'; name: string; pct: boolean };

const CLASSIFICATION: Metric[] = [
  { key: 'accuracy', name: 'Accuracy', pct: true },
  { key: 'macroF1', name: 'Macro-F1', pct: true },
];
const BINARY: Metric[] = [...CLASSIFICATION, { key: 'auc', name: 'ROC-AUC', pct: false }];
const REGRESSION: Metric[] = [
  { key: 'mae', name: 'MAE', pct: false },
  { key: 'rmse', name: 'RMSE', pct: false },
];

/** Each version's headline metrics on all rows: a real table, cohort × version × metric. */
export function MetricsTable({ analysis }: { analysis: Analysis }) {
  const metrics =
    analysis.task === 'regression'
      ? REGRESSION
      : analysis.task === 'binary'
        ? BINARY
        : CLASSIFICATION;
  if (analysis.metrics.length === 0) {
    return (
      <p>
        No model version was recognised: assign prediction or score columns under “Column roles”.
      </p>
    );
  }
  return (
    <table className="metrics">
      <caption>
        Headline metrics on all rows ({analysis.task}
        {analysis.positiveClass !== null ? `, positive class “${analysis.positiveClass}”` : ''})
      </caption>
      <thead>
        <tr>
          <th scope="col">Cohort</th>
          <th scope="col">Version</th>
          <th scope="col">Rows evaluated</th>
          {metrics.map((m) => (
            <th scope="col" key={m.key}>
              {m.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {analysis.metrics.map((v) => (
          <tr key={v.version}>
            <td>All rows</td>
            <th scope="row">{v.version}</th>
            <td className="num">{formatCount(v.evaluated)}</td>
            {metrics.map((m) => (
              <td className="num" key={m.key}>
                {m.pct ? formatPercent(v[m.key]) : formatNumber(v[m.key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
