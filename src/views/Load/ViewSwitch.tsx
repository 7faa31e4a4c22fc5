import { useDataset } from '../../state/datasetStore';
import { type ViewName, useView } from '../../state/viewStore';
import './viewSwitch.css';

const VIEWS: { view: ViewName; label: string }[] = [
  { view: 'overview', label: 'Overview' },
  { view: 'compare', label: 'Compare' },
  { view: 'rows', label: 'Rows' },
  { view: 'gallery', label: 'Gallery' },
  { view: 'map', label: 'Map' },
  { view: 'slices', label: 'Slices' },
];

/** Switches the main view; a minimal tab bar until the shell gets its own. */
export function ViewSwitch() {
  const view = useView((s) => s.view);
  const setView = useView((s) => s.setView);
  const summary = useDataset((s) => s.summary);
  if (!summary) return null;
  return (
    <nav className="view-switch" aria-label="Views">
      {VIEWS.map((v) => (
        <button
          key={v.view}
          type="button"
          className="view-tab"
          aria-pressed={view === v.view}
          onClick={() => setView(v.view)}
        >
          {v.label}
        </button>
      ))}
    </nav>
  );
}
