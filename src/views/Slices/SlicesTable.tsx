import { cohortFromSelection } from '../../state/cohortStore';
import { useView } from '../../state/viewStore';
import { formatCount } from '../../ui/format';
import type { SliceRow, SlicesResult } from '../../protocol';
import { formatEffect, formatLift, formatP, withInterval } from './format';
import { PairedCells, Variants } from './SliceCells';
import { useSlices } from './sliceStore';

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const FDR = 0.05;

/** Makes (or, when an equal one is saved, activates) the slice's cohort, and says which. */
function makeCohort(r: SliceRow) {
  const c = cohortFromSelection(r.text, r.predicate);
  useSlices.getState().update({
    notice: c.existed
      ? `“${r.text}” is the saved cohort “${c.name}”: made it active instead of a duplicate.`
      : `Made the cohort “${c.name}”; it is now active.`,
  });
}

/** Column headings between the slice and its actions, by mode. */
function headers(result: SlicesResult): string[] {
  if (result.mode === 'failure') {
    const m = result.measure;
    return ['Rows', `${cap(m)} (95% CI)`, 'Outside the slice', 'Lift', 'p', 'q'];
  }
  const level = result.measure === 'change in error rate' ? 'Error rate' : 'MAE';
  return [
    'Rows',
    'Flips',
    `${level} ${result.baseline} (95% CI)`,
    `${level} ${result.version} (95% CI)`,
    'Net change (95% CI)',
    'Outside the slice',
    'p',
    'q',
  ];
}

/** The slices found, best first; each one click from a cohort and from its rows. */
export function SlicesTable({ result }: { result: SlicesResult }) {
  const setView = useView((s) => s.setView);
  const { measure } = result;
  const paired = result.mode !== 'failure';
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
            {headers(result).map((h) => (
              <th key={h} scope="col" className="num">
                {h}
              </th>
            ))}
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
              {paired ? (
                <PairedCells r={r} result={result} />
              ) : (
                <>
                  <td className="num">
                    {withInterval({ value: r.effect, lo: r.lo, hi: r.hi }, measure)}
                  </td>
                  <td className="num">{formatEffect(r.rest, measure)}</td>
                  <td className="num">{formatLift(r.lift)}</td>
                </>
              )}
              <td className="num">{formatP(r.p)}</td>
              <td className="num">
                {formatP(r.q)}
                {r.q >= FDR && <div className="muted">not significant</div>}
              </td>
              <td className="slice-actions">
                <button type="button" className="button small" onClick={() => makeCohort(r)}>
                  Make cohort
                </button>
                <button
                  type="button"
                  className="button small"
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
