import { interpolateBlues, interpolateRdBu } from 'd3';
import { formatCount, formatCountChange, formatPercent } from '../../ui/format';

interface Props {
  caption: string;
  rowTitle: string;
  colTitle: string;
  labels: string[];
  values: ArrayLike<number>;
  /**
   * Diverging colours for B − A differences of a confusion matrix (true × predicted): red = worse
   * under B, blue = better. Off the diagonal more rows are more errors (bad); on the diagonal
   * more rows are more correct answers (good), so the diagonal's colour is the sign flipped.
   */
  diverging?: boolean;
  /** Show each row as shares of its total. */
  normalize?: boolean;
  onCell?: (row: number, col: number) => void;
  cellLabel?: (row: number, col: number, text: string) => string;
}

function rowTotals(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: k }, (_, i) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += values[i * k + j]!;
    return s;
  });
}

/** Red for a change for the worse (more errors, fewer correct on the diagonal), blue for better. */
export function differenceColour(v: number, maxAbs: number, diagonal: boolean): string {
  const worse = diagonal ? -v : v;
  return interpolateRdBu(0.5 - (0.5 * worse) / maxAbs);
}

/** A k×k matrix as a real table with heat-coloured cells; every cell clicks through to its rows. */
export function MatrixTable({
  caption,
  rowTitle,
  colTitle,
  labels,
  values,
  diverging,
  normalize,
  onCell,
  cellLabel,
}: Props) {
  const k = labels.length;
  const totals = rowTotals(values, k);
  const shown = (i: number, j: number) => {
    const v = values[i * k + j]!;
    return normalize ? (totals[i] ? v / totals[i]! : 0) : v;
  };
  let maxAbs = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) maxAbs = Math.max(maxAbs, Math.abs(shown(i, j)));
  const colour = (v: number, diagonal: boolean) => {
    if (maxAbs === 0) return 'transparent';
    // The signed number is always printed too; the colour says good or bad.
    return diverging
      ? differenceColour(v, maxAbs, diagonal)
      : interpolateBlues((0.85 * v) / maxAbs);
  };
  const text = (v: number) =>
    normalize ? formatPercent(v) : diverging ? formatCountChange(v) : formatCount(v);
  const dark = (v: number) => Math.abs(v) / (maxAbs || 1) > 0.6;
  return (
    <table className="matrix">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="corner">
            {rowTitle} ↓ / {colTitle} →
          </th>
          {labels.map((l) => (
            <th scope="col" key={l}>
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labels.map((rowLabel, i) => (
          <tr key={rowLabel}>
            <th scope="row">{rowLabel}</th>
            {labels.map((colLabel, j) => {
              const v = shown(i, j);
              const t = text(v);
              return (
                <td
                  key={colLabel}
                  style={{ background: colour(v, i === j), color: dark(v) ? '#fff' : undefined }}
                  className={i === j ? 'diag' : undefined}
                >
                  {onCell && values[i * k + j] !== 0 ? (
                    <button
                      type="button"
                      className="cell-button"
                      aria-label={cellLabel?.(i, j, t)}
                      onClick={() => onCell(i, j)}
                    >
                      {t}
                    </button>
                  ) : (
                    t
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
