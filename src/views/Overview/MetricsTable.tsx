import type { Task } from '../../shared/roles';
import type { VersionMetrics } from '../../protocol';
import { formatCount, formatMetric, formatPercent } from '../../ui/format';

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

export interface CohortMetrics {
  cohort: string;
  size: number;
  metrics: VersionMetrics[];
}

interface Props {
  task: Task;
  positiveClass: string | null;
  rows: CohortMetrics[];
}

/** Headline metrics per cohort × version: a real table whose headers name cohort, version, metric. */
export function MetricsTable({ task, positiveClass, rows }: Props) {
  const metrics = task === 'regression' ? REGRESSION : task === 'binary' ? BINARY : CLASSIFICATION;
  if (rows.every((r) => r.metrics.length === 0)) {
    return (
      <p>
        No model version was recognised: assign prediction or score columns under “Column roles”.
      </p>
    );
  }
  return (
    <table className="metrics">
      <caption>
        Headline metrics ({task}
        {positiveClass !== null
          ? `, positive class “${positiveClass}”, threshold 0.5 where there is no predicted class`
          : ''}
        )
      </caption>
      <thead>
        <tr>
          <th scope="col">Cohort</th>
          <th scope="col">Version</th>
          <th scope="col" className="num">
            Rows evaluated
          </th>
          {metrics.map((m) => (
            <th scope="col" className="num" key={m.key}>
              {m.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((r) =>
          r.metrics.map((v) => (
            <tr key={`${r.cohort}:${v.version}`}>
              <td>{r.cohort}</td>
              <th scope="row">{v.version}</th>
              <td className="num">{formatCount(v.evaluated)}</td>
              {metrics.map((m) => (
                <td className="num" key={m.key}>
                  {m.pct ? formatPercent(v[m.key]) : formatMetric(v[m.key])}
                </td>
              ))}
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
