import type { ComponentType } from 'react';
import { useView, type ViewName } from '../state/viewStore';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { DatasetPanels } from '../views/Overview/DatasetPanels';
import { RowsView } from '../views/Rows/RowsView';
import { GalleryView } from '../views/Gallery/GalleryView';
import { EmbeddingsView } from '../views/Embeddings/EmbeddingsView';
import { CompareView } from '../views/Compare/CompareView';
import { SlicesView } from '../views/Slices/SlicesView';
import { type Needs, WaitForColumns } from '../views/Load/ColumnsLoading';

/**
 * `needs`: the columns read after the dataset opened that the view waits for (the features for
 * the slice finder; all for the table, which lists every column, and the map); the other views
 * ask the worker, which waits for a column a request reaches.
 */
const VIEWS: Record<ViewName, { name: string; Component: ComponentType; needs?: Needs }> = {
  overview: { name: 'Overview', Component: DatasetPanels },
  compare: { name: 'Compare', Component: CompareView },
  rows: { name: 'Rows table', Component: RowsView, needs: 'all' },
  gallery: { name: 'Gallery', Component: GalleryView },
  map: { name: 'Map', Component: EmbeddingsView, needs: 'all' },
  slices: { name: 'Slices', Component: SlicesView, needs: 'features' },
};

/** The view the tab bar chose, behind its own error boundary. */
export function MainView() {
  const view = useView((s) => s.view);
  // Own keys only: a view named "constructor" from a link is not Object's constructor.
  const { name, Component, needs } = Object.hasOwn(VIEWS, view) ? VIEWS[view] : VIEWS.overview;
  return (
    <ErrorBoundary key={view} name={name}>
      {needs ? (
        <WaitForColumns needs={needs}>
          <Component />
        </WaitForColumns>
      ) : (
        <Component />
      )}
    </ErrorBoundary>
  );
}
