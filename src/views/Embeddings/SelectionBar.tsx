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
  // Named by its shape and size: raw map coordinates mean nothing to the reader.
  const name = `${polygon.length === 8 ? 'box' : 'lasso'}, ${formatCount(n)} ${n === 1 ? 'point' : 'points'}`;
  return (
    <div className="selection-bar" role="region" aria-label="Selection">
      <span aria-live="polite">
        <strong>{formatCount(n)}</strong> rows selected{' '}
        <span
          className="muted"
          data-testid="selection-extent"
          data-polygon={JSON.stringify(polygon)}
        >
          ({name})
        </span>
      </span>
      <button
        type="button"
        className="button primary"
        disabled={!selection.predicate || n === 0}
        onClick={() => {
          const c = cohortFromSelection(`Map ${name}`, selection.predicate!);
          setMade(c.name);
        }}
      >
        Make cohort of {formatCount(n)} selected rows
      </button>
      <button type="button" className="button" onClick={onClear}>
        Clear selection
      </button>
      {selection.reason && <span className="muted">{selection.reason}</span>}
      {made && <span className="muted">Made “{made}”, now the active cohort.</span>}
    </div>
  );
}
