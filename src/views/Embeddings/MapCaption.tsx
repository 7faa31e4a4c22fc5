import type { LayoutResult } from '../../protocol';
import { formatCount, formatPercent } from '../../ui/format';

/** What the map shows (method, points, variance kept) or how far computing it has got. */
export function MapCaption({
  layout,
  total,
  progress,
  error,
  onCancel,
}: {
  layout: LayoutResult | null;
  /** Rows with a vector (for "a sample of N of M"). */
  total: number;
  progress: number | null;
  error: string | null;
  /** Offered while a cancellable layout (UMAP) runs. */
  onCancel?: () => void;
}) {
  if (error) return <p role="alert">{error}</p>;
  if (progress !== null) {
    return (
      <p>
        Computing the layout… <progress value={progress} aria-label="Layout progress" />{' '}
        {formatPercent(progress)}{' '}
        {onCancel && (
          <button type="button" className="button small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </p>
    );
  }
  if (!layout) return null;
  const e = layout.explained;
  const sample =
    layout.fitted !== null && layout.fitted < layout.valid
      ? ` (axes fitted on a random sample of ${formatCount(layout.fitted)} rows; every row is placed)`
      : '';
  const drawn = layout.sample;
  return (
    <p className="muted map-caption">
      {drawn && drawn.rows.length < drawn.of && (
        <>
          <strong>
            A sample of {formatCount(drawn.rows.length)} of {formatCount(drawn.of)} rows
          </strong>{' '}
          (the same rows for every layout and colour, chosen by a hash of the row number; a box or
          lasso selects every row inside, drawn or not).{' '}
        </>
      )}
      {formatCount(layout.valid)} points
      {layout.method === 'umap'
        ? ` — UMAP of ${layout.source.slice(5)}${layout.fitted !== null && layout.fitted < total ? `: a random sample of ${formatCount(layout.fitted)} of ${formatCount(total)} rows (UMAP is too slow beyond ~20,000 here); the other rows are not drawn` : ''}`
        : layout.method === 'pca' && e
          ? ` — PCA of ${layout.source}: the two axes keep ${formatPercent(e[0])} and ${formatPercent(e[1])} of the variance${sample}`
          : ' — coordinates from the file'}
      . Drag to pan, scroll to zoom, click a point to open it; Box / Lasso select rows. Keyboard:
      focus the map, arrow keys move between points, Enter opens one; Shift + arrows pan, + and −
      zoom.
    </p>
  );
}
