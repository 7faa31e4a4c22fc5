import { FILE_COORDS, UMAP_SOURCE } from '../../protocol';
import type { ScatterMode } from '../../charts/scatterController';
import type { ColorOption } from './colorOptions';

export interface MapSettings {
  source: string;
  color: string;
  density: boolean;
  mode: ScatterMode;
}

export function sourceLabel(s: string): string {
  if (s === FILE_COORDS) return 'File coordinates (x, y)';
  if (s.startsWith(UMAP_SOURCE)) return `${s.slice(UMAP_SOURCE.length)} (UMAP, on request)`;
  return `${s} (PCA)`;
}

const MODES: { mode: ScatterMode; label: string }[] = [
  { mode: 'pan', label: 'Pan & pick' },
  { mode: 'box', label: 'Box select' },
  { mode: 'lasso', label: 'Lasso select' },
];

/** Layout source, colouring, density and the pointer mode of the map. */
export function MapToolbar({
  sources,
  colors,
  value,
  onChange,
}: {
  sources: string[];
  colors: ColorOption[];
  value: MapSettings;
  onChange: (patch: Partial<MapSettings>) => void;
}) {
  return (
    <div className="map-toolbar">
      <label>
        Layout{' '}
        <select value={value.source} onChange={(e) => onChange({ source: e.target.value })}>
          {sources.map((s) => (
            <option key={s} value={s}>
              {sourceLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Colour by{' '}
        <select value={value.color} onChange={(e) => onChange({ color: e.target.value })}>
          {colors.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={value.density}
          onChange={(e) => onChange({ density: e.target.checked })}
        />{' '}
        Density
      </label>
      <div role="group" aria-label="Pointer mode" className="segmented">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            className="segment"
            aria-pressed={value.mode === m.mode}
            onClick={() => onChange({ mode: m.mode })}
          >
            {m.label}
          </button>
        ))}
      </div>
    </div>
  );
}
