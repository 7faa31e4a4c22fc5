import type { CompareResult, CompareRow, MetricKey } from '../../protocol';
import { METRIC_NAMES } from '../../protocol';
import { formatCount } from '../../ui/format';
import { deltaVerdict, metricParts, type MetricPart } from './format';

const CLASS: Record<MetricPart['kind'], string | undefined> = {
  value: undefined,
  delta: undefined,
  interval: 'ci',
  test: 'pq',
  verdict: 'verdict',
};

/** Parts as spans; data-report-part lets the report write each as its own part. */
function Parts({ parts, title }: { parts: MetricPart[]; title?: string }) {
  return parts.map((p, i) => (
    <span key={i}>
      {i > 0 && ' '}
      <span
        className={CLASS[p.kind]}
        data-report-part={p.kind}
        title={p.kind === 'test' ? title : undefined}
      >
        {p.text}
      </span>
    </span>
  ));
}

/**
 * Three short lines that never wrap: the estimate (bold) and its interval; the difference to the
 * baseline and its interval; p, q and the verdict. DOM order stays the parts' order (the report
 * reads them in it).
 */
function Cell({ row, k }: { row: CompareRow; k: MetricKey }) {
  const m = row.metrics[k];
  const d = row.deltas[k];
  if (!m) return <td className="num">–</td>;
  const v = d ? deltaVerdict(k, d.value, d.q) : null;
  const parts = metricParts(k, m, d);
  const at = parts.findIndex((p) => p.kind === 'delta');
  const test = parts.findIndex((p) => p.kind === 'test' || p.kind === 'verdict');
  const lines =
    at < 0
      ? [parts]
      : [
          parts.slice(0, at),
          parts.slice(at, test < 0 ? undefined : test),
          test < 0 ? [] : parts.slice(test),
        ];
  return (
    <td className={`num metric-cell${v ? ` ${v}` : ''}`}>
      {lines.map(
        (line, i) =>
          line.length > 0 && (
            <div key={i} className={['estimate-line', 'delta-line', 'test-line'][i]}>
              <Parts parts={line} title={i === 2 ? d?.test : undefined} />
            </div>
          ),
      )}
    </td>
  );
}

/** Cohort × version × metric, with 95% intervals and the paired difference to the baseline. */
export function MetricsCompareTable({ result }: { result: CompareResult }) {
  const keys = result.metricKeys;
  return (
    <div className="table-scroll">
      <table className="compare">
        <caption>
          Metrics per cohort and version, with 95% intervals; Δ is each version minus the baseline{' '}
          {result.baseline}
        </caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col">Version</th>
            <th scope="col" className="num">
              Rows evaluated
            </th>
            {keys.map((k) => (
              <th scope="col" className="num" key={k}>
                {METRIC_NAMES[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr
              key={`${r.cohortId}:${r.version}`}
              className={r.baseline ? 'baseline-row' : undefined}
            >
              <td>{r.cohortName}</td>
              <th scope="row">
                {r.version}
                {r.baseline && <span className="hint"> (baseline)</span>}
              </th>
              <td className="num">{formatCount(r.evaluated)}</td>
              {keys.map((k) => (
                <Cell key={k} row={r} k={k} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
