import { formatCount } from '../../ui/format';
import type { SliceMeasure, SliceRow, SlicesResult } from '../../protocol';
import { formatEffect, formatP } from './format';

/** Slices merged into a listed one (refinements, generalizations, near-equal row sets). */
export function Variants({ row, measure }: { row: SliceRow; measure: SlicesResult['measure'] }) {
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

type Estimate = { value: number; lo: number; hi: number };

/** A value, and its 95% interval on a second line. */
function TwoLines({ e, m, strong }: { e: Estimate; m: SliceMeasure; strong?: boolean }) {
  return (
    <>
      {strong ? <strong>{formatEffect(e.value, m)}</strong> : formatEffect(e.value, m)}
      <div className="muted">
        ({formatEffect(e.lo, m)} to {formatEffect(e.hi, m)})
      </div>
    </>
  );
}

/** Paired modes: flips both ways, each version's metric, the net change, and outside it. */
export function PairedCells({ r, result }: { r: SliceRow; result: SlicesResult }) {
  const level = result.measure === 'change in error rate' ? 'error rate' : 'MAE';
  return (
    <>
      <td className="num">
        {result.measure === 'change in error rate' ? (
          <>
            {formatCount(r.worse)} right → wrong
            <div>{formatCount(r.better)} wrong → right</div>
          </>
        ) : (
          '–'
        )}
      </td>
      <td className="num">{r.versions ? <TwoLines e={r.versions.baseline} m={level} /> : '–'}</td>
      <td className="num">{r.versions ? <TwoLines e={r.versions.version} m={level} /> : '–'}</td>
      <td className="num">
        <TwoLines e={{ value: r.effect, lo: r.lo, hi: r.hi }} m={result.measure} strong />
      </td>
      <td className="num">{formatEffect(r.rest, result.measure)}</td>
    </>
  );
}
