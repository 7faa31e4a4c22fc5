import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useCohorts } from '../../state/cohortStore';
import { useView } from '../../state/viewStore';
import { CohortsSection } from './CohortsSection';
import { FeaturesTable } from './FeaturesTable';
import { OutcomeSection } from './OutcomeSection';
import { PercentileSection } from './PercentileSection';
import { RulesSection } from './RulesSection';
import type { FoundRow } from './types';
import { useRowDetail } from './useRowDetail';
import { NeighboursSection } from '../Embeddings/NeighboursSection';
import { InstanceView } from '../Instance/InstanceView';
import { ResizeHandle, clampWidth } from './ResizeHandle';
import './drawer.css';

// The width the user dragged to, kept while the page lives so the next row opens as wide.
let lastWidth = 520;
import { formatCount } from '../../ui/format';

/**
 * The row detail for support staff, beside any view (never over the Views navigation), whenever a
 * row is focused. The view stays usable while it is open.
 */
export function RowDetailDrawer() {
  const focused = useView((s) => s.focusedRow);
  // A new row is a new drawer: its duplicate stepper and focus start afresh.
  return focused ? <Drawer key={focused} row={focused} /> : null;
}

function Drawer({ row }: { row: string }) {
  const focusRow = useView((s) => s.focusRow);
  const cohortName = useCohorts((s) => s.cohorts.find((c) => c.id === s.activeId)?.name ?? null);
  const [occurrence, setOccurrence] = useState(0);
  const { detail, error, loading, ready } = useRowDetail(row, occurrence);
  const ref = useRef<HTMLDivElement>(null);
  const heading = useId();
  const [width, setWidth] = useState(() => clampWidth(lastWidth));
  const resize = (w: number) => {
    lastWidth = w;
    setWidth(w);
  };

  // Focus moves into the drawer when it opens and back to where it was when it closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Without scrolling: the page stays where it was, the header and its navigation in view.
    ref.current?.focus({ preventScroll: true });
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);

  const close = () => focusRow(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  };
  const found = detail?.found ? detail : null;
  const title = found ? `Row ${found.id ?? `#${found.index}`}` : `Row ${row}`;
  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="false"
      aria-labelledby={heading}
      aria-busy={loading}
      className="drawer"
      style={{ width }}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <ResizeHandle width={width} onWidth={resize} />
      <div className="drawer-head">
        <h2 id={heading}>{title}</h2>
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
      <div className="drawer-body">
        {!ready && <p className="note">Waiting for the data to open…</p>}
        {ready && !detail && !error && <p className="note">Looking up the row…</p>}
        {error && <p className="drawer-missing">Could not read this row: {error}</p>}
        {detail && !detail.found && <p className="drawer-missing">{detail.message}</p>}
        {found && <Body d={found} cohortName={cohortName} onStep={setOccurrence} />}
      </div>
    </div>
  );
}

function Body({
  d,
  cohortName,
  onStep,
}: {
  d: FoundRow;
  cohortName: string | null;
  onStep: (occurrence: number) => void;
}) {
  return (
    <>
      {d.occurrences > 1 && (
        <div className="dup-note">
          <p>
            {formatCount(d.occurrences)} rows share this id. Showing {formatCount(d.occurrence + 1)}{' '}
            of {formatCount(d.occurrences)} (row #{d.index} of the file).
          </p>
          <button
            type="button"
            className="button"
            disabled={d.occurrence === 0}
            onClick={() => onStep(d.occurrence - 1)}
          >
            Previous row with this id
          </button>
          <button
            type="button"
            className="button"
            disabled={d.occurrence >= d.occurrences - 1}
            onClick={() => onStep(d.occurrence + 1)}
          >
            Next row with this id
          </button>
        </div>
      )}
      <InstanceView row={d.index} name={d.id ?? `#${d.index}`} />
      <OutcomeSection d={d} />
      <PercentileSection d={d} cohortName={cohortName} />
      <CohortsSection d={d} />
      <RulesSection d={d} />
      {/* By row index, so a duplicated id's neighbours are those of the occurrence shown. */}
      <NeighboursSection rowId={`#${d.index}`} />
      <FeaturesTable features={d.features} />
    </>
  );
}
