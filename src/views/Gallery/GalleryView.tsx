import { useCallback, useMemo } from 'react';
import { useDataset } from '../../state/datasetStore';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useView } from '../../state/viewStore';
import { formatCount } from '../../ui/format';
import { type GridRow, type RowsQuery, useRowPages } from '../Rows/useRowPages';
import { useRowColumns } from '../Rows/useRowColumns';
import { GalleryGrid } from './GalleryGrid';
import { cardColumns, keysOf } from './galleryColumns';
import { GallerySort } from './GallerySort';
import { RemoteOrigins } from '../Instance/RemoteOrigins';
import '../Instance/instance.css';
import './gallery.css';

/** The active cohort as a grid of instances, sorted like the rows table. */
export function GalleryView() {
  const summary = useDataset((s) => s.summary);
  const roles = useDataset((s) => s.roles);
  const columns = useRowColumns();
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts((s) => s.cohorts.find((c) => c.id === s.activeId)?.name ?? null);
  const sorting = useView((s) => s.rowsSort);
  const focusRow = useView((s) => s.focusRow);
  const cols = useMemo(() => cardColumns(columns ?? [], roles), [columns, roles]);
  const s0 = sorting[0];
  const sortable = columns?.find((c) => c.key === s0?.id)?.sortable;
  const sort = s0 && sortable ? { column: s0.id, desc: s0.desc } : null;
  const queryJson = JSON.stringify({ cohort, sort, columns: keysOf(cols) });
  const query = useMemo(
    () => (columns ? (JSON.parse(queryJson) as RowsQuery) : null),
    [queryJson, columns],
  );
  const { pages, total, error, ensure } = useRowPages(query);
  // One function for the view's life: cards are memoized on it.
  const onOpen = useCallback((r: GridRow) => focusRow(r.id ?? `#${r.index}`), [focusRow]);
  if (!summary) return null;
  const image = roles?.images?.[0] ?? null;
  const where = cohortName ? `“${cohortName}”` : 'all rows';
  return (
    <section className="panel gallery-panel" aria-labelledby="gallery-heading">
      <h2 id="gallery-heading">Gallery</h2>
      <div className="gallery-toolbar">
        <p className="rows-count">
          {total === null ? 'Counting rows…' : `${formatCount(total)} rows in ${where}`}
        </p>
        {columns && <GallerySort columns={columns} />}
      </div>
      {!image && !cols.text && (
        <p className="note">
          No column has the image or text role: set one under Column roles to see each row here.
        </p>
      )}
      <RemoteOrigins />
      {error && <p className="rows-error">{error}</p>}
      <GalleryGrid
        total={total ?? 0}
        pages={pages}
        ensure={ensure}
        image={image}
        cols={cols}
        resetKey={queryJson}
        label={`Gallery of ${cohortName ?? 'all rows'}`}
        onOpen={onOpen}
      />
    </section>
  );
}
