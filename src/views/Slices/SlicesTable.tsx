import { cohortFromSelection } from '../../state/cohortStore';
import { useView } from '../../state/viewStore';
import { formatCount } from '../../ui/format';
import type { SliceRow, SlicesResult } from '../../protocol';
import { formatEffect, formatLift, formatP } from './format';

const FDR = 0.05;

function makeCohort(r: SliceRow) {
  return cohortFromSelection(r.text, r.predicate);
}

function Variants({ row, measure }: { row: SliceRow; measure: SlicesResult['measure'] }) {
  if (row.variants.length === 0) return null;
  return (
    <details className="slice-variants">
      <summary>
        {row.variants.length} overlapping variant{row.variants.length > 1 ? 's' : ''}
      </summary>
      <ul>
        {row.variants.map((v) => (
          <li key={v.text}>
            {v.text} — {formatCount(v.rows)} rows, {formatEffect(v.effect, measure)}, q{' '}
            {formatP(v.q)}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The slices found, best first; each one click from a cohort and from its rows. */
export function SlicesTable({ result }: { result: SlicesResult }) {
  const setView = useView((s) => s.setView);
  const { measure } = result;
  return (
    <div className="slices-scroll">
      <table className="slices">
        <caption>
          {result.results.length} slices, most significant first
          {result.done ? '' : ' (so far)'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Slice</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col">{measure[0]!.toUpperCase() + measure.slice(1)} (95% CI)</th>
            <th scope="col" className="num">
              Lift
            </th>
            <th scope="col" className="num">
              p
            </th>
            <th scope="col" className="num">
              q
            </th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {result.results.map((r) => (
            <tr key={r.key} className={r.q < FDR ? undefined : 'not-significant'}>
              <th scope="row">
                <span className="slice-text">{r.text}</span>
                <Variants row={r} measure={measure} />
              </th>
              <td className="num">{formatCount(r.rows)}</td>
              <td className="num">
                {formatEffect(r.effect, measure)}{' '}
                <span className="muted">
                  ({formatEffect(r.lo, measure)} to {formatEffect(r.hi, measure)})
                </span>
                {measure === 'negative-flip rate' && (
                  <div className="muted">
                    {formatCount(r.worse)} right → wrong, {formatCount(r.better)} wrong → right
                  </div>
                )}
              </td>
              <td className="num">{formatLift(r.lift)}</td>
              <td className="num">{formatP(r.p)}</td>
              <td className="num">
                {formatP(r.q)}
                {r.q >= FDR && <div className="muted">not significant</div>}
              </td>
              <td className="slice-actions">
                <button type="button" onClick={() => makeCohort(r)}>
                  Make cohort
                </button>
                <button
                  type="button"
                  onClick={() => {
                    makeCohort(r);
                    setView('rows');
                  }}
                >
                  Show rows
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
