import type { ComponentType } from 'react';
import { useView, type ViewName } from '../state/viewStore';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { DatasetPanels } from '../views/Overview/DatasetPanels';
import { RowsView } from '../views/Rows/RowsView';
import { GalleryView } from '../views/Gallery/GalleryView';
import { EmbeddingsView } from '../views/Embeddings/EmbeddingsView';
import { CompareView } from '../views/Compare/CompareView';
import { SlicesView } from '../views/Slices/SlicesView';

const VIEWS: Record<ViewName, { name: string; Component: ComponentType }> = {
  overview: { name: 'Overview', Component: DatasetPanels },
  compare: { name: 'Compare', Component: CompareView },
  rows: { name: 'Rows table', Component: RowsView },
  gallery: { name: 'Gallery', Component: GalleryView },
  map: { name: 'Map', Component: EmbeddingsView },
  slices: { name: 'Slices', Component: SlicesView },
};

/** The view the tab bar chose, behind its own error boundary. */
export function MainView() {
  const view = useView((s) => s.view);
  // Own keys only: a view named "constructor" from a link is not Object's constructor.
  const { name, Component } = Object.hasOwn(VIEWS, view) ? VIEWS[view] : VIEWS.overview;
  return (
    <ErrorBoundary key={view} name={name}>
      <Component />
    </ErrorBoundary>
  );
}
