import type { CompareResult, CompareRow, MetricKey } from '../../protocol';
import { HIGHER_IS_BETTER, METRIC_NAMES } from '../../protocol';
import { formatCount } from '../../ui/format';
import { fmtDelta, fmtInterval, fmtP, fmtValue } from './format';

/** Whether a difference is a significant improvement, a significant regression, or neither. */
function verdict(key: MetricKey, delta: number, q: number): 'better' | 'worse' | null {
  if (!(q < 0.05) || delta === 0 || !Number.isFinite(delta)) return null;
  return delta > 0 === HIGHER_IS_BETTER.has(key) ? 'better' : 'worse';
}

function Cell({ row, k }: { row: CompareRow; k: MetricKey }) {
  const m = row.metrics[k];
  const d = row.deltas[k];
  if (!m) return <td className="num">–</td>;
  const v = d ? verdict(k, d.value, d.q) : null;
  return (
    <td className={`num metric-cell${v ? ` ${v}` : ''}`}>
      <div>
        {fmtValue(k, m.value)} <span className="ci">{fmtInterval(k, m.lo, m.hi)}</span>
      </div>
      {d && (
        <div className="delta">
          Δ {fmtDelta(k, d.value)} <span className="ci">{fmtInterval(k, d.lo, d.hi, true)}</span>
          {Number.isFinite(d.p) && (
            <span className="pq" title={d.test}>
              {' '}
              p {fmtP(d.p)}, q {fmtP(d.q)}
            </span>
          )}
          {v && <span className="verdict"> {v === 'better' ? '▲ better' : '▼ worse'}</span>}
        </div>
      )}
    </td>
  );
}

/** Cohort × version × metric, with 95% intervals and the paired difference to the baseline. */
export function MetricsCompareTable({ result }: { result: CompareResult }) {
  const keys = result.metricKeys;
  return (
    <table className="compare">
      <caption>
        Metrics per cohort and version, with 95% intervals; Δ is each version minus the baseline{' '}
        {result.baseline}
      </caption>
      <thead>
        <tr>
          <th scope="col">Cohort</th>
          <th scope="col">Version</th>
          <th scope="col">Rows evaluated</th>
          {keys.map((k) => (
            <th scope="col" key={k}>
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
  );
}
