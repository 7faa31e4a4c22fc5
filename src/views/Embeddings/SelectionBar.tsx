import { useState } from 'react';
import { cohortFromSelection } from '../../state/cohortStore';
import type { SelectionResult } from '../../protocol';
import { formatCount } from '../../ui/format';

/** The box or lasso selection: its size, and the button that makes it a cohort. */
export function SelectionBar({
  selection,
  polygon,
  onClear,
}: {
  selection: SelectionResult;
  polygon: number[];
  onClear: () => void;
}) {
  const [made, setMade] = useState<string | null>(null);
  const n = selection.count;
  const xs = polygon.filter((_, i) => i % 2 === 0);
  const ys = polygon.filter((_, i) => i % 2 === 1);
  const g = (v: number) => String(Number(v.toPrecision(7)));
  const extent = `x ${g(Math.min(...xs))} … ${g(Math.max(...xs))}, y ${g(Math.min(...ys))} … ${g(Math.max(...ys))}`;
  return (
    <div className="selection-bar" role="region" aria-label="Selection">
      <span aria-live="polite">
        <strong>{formatCount(n)}</strong> rows selected{' '}
        <span
          className="muted"
          data-testid="selection-extent"
          data-polygon={JSON.stringify(polygon)}
        >
          ({polygon.length === 8 ? 'box' : 'lasso'} over {extent})
        </span>
      </span>
      <button
        type="button"
        disabled={!selection.predicate || n === 0}
        onClick={() => {
          const c = cohortFromSelection(`Map selection (${formatCount(n)})`, selection.predicate!);
          setMade(c.name);
        }}
      >
        Make cohort of {formatCount(n)} selected rows
      </button>
      <button type="button" onClick={onClear}>
        Clear selection
      </button>
      {selection.reason && <span className="muted">{selection.reason}</span>}
      {made && <span className="muted">Made “{made}”, now the active cohort.</span>}
    </div>
  );
}
