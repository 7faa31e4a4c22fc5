import { useCallback, useMemo, useState } from 'react';
import { Scatter } from '../../charts/Scatter';
import { ScatterLegend } from '../../charts/ScatterLegend';
import { paletteFor } from '../../charts/scatterPalette';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { useView } from '../../state/viewStore';
import { client } from '../../worker/client';
import {
  FILE_COORDS,
  type LayoutResult,
  OTHER,
  type SelectionResult,
  UMAP_SOURCE,
} from '../../protocol';
import { colorOptions } from './colorOptions';
import { type MapSettings, MapToolbar, sourceLabel } from './MapToolbar';
import { MapCaption } from './MapCaption';
import { MapNeighbours } from './MapNeighbours';
import { HoverInstance, setHovered } from './HoverInstance';
import { SelectionBar } from './SelectionBar';
import { useLayout, usePointColors } from './useMapData';
import { formatCount } from '../../ui/format';

const NO_MARKS: number[] = [];

/** The Map view: a 2-D layout of an embedding, coloured, with picking, lasso and neighbours. */
export function EmbeddingsView() {
  const summary = useDataset((s) => s.summary);
  const roles = useDataset((s) => s.roles);
  const analysis = useDataset((s) => s.analysis);
  const cohort = useCohorts(activePredicate);
  const focused = useView((s) => s.focusedRow);
  const focusRow = useView((s) => s.focusRow);
  const sources = useMemo(
    () => [
      ...(roles?.coords ? [FILE_COORDS] : []),
      ...(roles?.embeddings ?? []),
      // UMAP runs in the tab over the rows it holds: the DuckDB server offers the PCA.
      ...(client.inServerMode() ? [] : (roles?.embeddings ?? []).map((e) => UMAP_SOURCE + e)),
    ],
    [roles],
  );
  const colors = useMemo(
    () => (summary && roles ? colorOptions(summary, roles, analysis) : []),
    [summary, roles, analysis],
  );
  const [chosen, setChosen] = useState<Partial<MapSettings>>({});
  const settings: MapSettings = {
    source: chosen.source && sources.includes(chosen.source) ? chosen.source : (sources[0] ?? ''),
    color: chosen.color ?? colors[0]?.value ?? '',
    density: chosen.density ?? false,
    mode: chosen.mode ?? 'pan',
  };
  const by = colors.find((c) => c.value === settings.color)?.by ?? null;
  const { layout, progress, error } = useLayout(settings.source || null, analysis);
  const { colors: pointColors, error: colorError } = usePointColors(by, layout, cohort);
  const [selection, setSel] = useState<{
    result: SelectionResult;
    polygon: number[];
    source: string;
  } | null>(null);
  // A selection belongs to the layout it was drawn on.
  const sel = selection && selection.source === layout?.source ? selection : null;
  const [neighbourRows, setNeighbourRows] = useState<{ picked: number | null; rows: number[] }>({
    picked: null,
    rows: NO_MARKS,
  });
  // Neighbours are rows; on a sampled map (server mode) only the drawn ones are marked.
  const marks = useMemo(() => toPoints(neighbourRows, layout), [neighbourRows, layout]);
  const palette = useMemo(
    () =>
      paletteFor(
        pointColors?.ramp ?? 'categorical',
        // Bins only: "other" and "missing" have colours of their own.
        pointColors?.legend.filter((e) => e.code < OTHER).length ?? 0,
      ),
    [pointColors],
  );
  const describe = useCallback(async (i: number) => {
    const p = await client.pointInfo(i);
    return [
      p.id,
      ...(p.label !== null ? [`label: ${p.label}`] : []),
      ...p.predictions.map((v) => `${v.version}: ${v.value ?? '—'}`),
    ];
  }, []);
  const onPick = useCallback(
    (i: number) => void client.pointInfo(i).then((p) => focusRow(p.id)),
    [focusRow],
  );
  const onSelect = useCallback(
    (polygon: number[]) => {
      if (!layout) return;
      const source = layout.source;
      void client.selectRows(source, polygon).then((result) => setSel({ result, polygon, source }));
    },
    [layout],
  );

  if (!summary) return null;
  if (sources.length === 0) {
    return (
      <section className="panel">
        <h2>Map</h2>
        <p>
          This dataset has no embedding column and no 2-D coordinates. Mark a vector column as an
          embedding under Column roles to see the map.
        </p>
      </section>
    );
  }
  return (
    <section className="panel map-view" aria-labelledby="map-heading">
      <h2 id="map-heading">Map</h2>
      <MapToolbar
        sources={sources}
        colors={colors}
        value={settings}
        onChange={(patch) => setChosen({ ...settings, ...patch })}
      />
      <MapCaption
        layout={layout}
        total={summary.numRows}
        progress={progress}
        error={error ?? colorError}
        onCancel={
          settings.source.startsWith(UMAP_SOURCE) ? () => void client.cancelUmap() : undefined
        }
      />
      <div className="map-body">
        {layout && (
          <Scatter
            label={`Map of ${formatCount(layout.sample?.rows.length ?? summary.numRows)} rows${layout.sample ? ` (a sample of ${formatCount(layout.sample.of)})` : ''}: ${sourceLabel(settings.source)}`}
            layout={layout}
            codes={pointColors?.codes ?? null}
            palette={palette}
            density={settings.density}
            mode={settings.mode}
            picked={marks.picked}
            neighbours={marks.rows}
            polygon={sel?.polygon ?? null}
            describe={describe}
            onPick={onPick}
            onSelect={onSelect}
            onHover={setHovered}
            tipExtra={<HoverInstance />}
          />
        )}
        {pointColors ? (
          <ScatterLegend colors={pointColors} palette={palette} />
        ) : (
          // The legend's room kept while the colours load: the map does not change size (and
          // reallocate its WebGL drawing buffer, a wait on the GPU process) when they arrive.
          layout && by && !colorError && <div className="scatter-legend" aria-hidden="true" />
        )}
      </div>
      {sel && (
        <SelectionBar selection={sel.result} polygon={sel.polygon} onClear={() => setSel(null)} />
      )}
      <MapNeighbours rowId={focused} onMarks={setNeighbourRows} source={settings.source} />
    </section>
  );
}

/** Row indices as the layout's point indices: the same, unless the layout is a sample. */
function toPoints(
  m: { picked: number | null; rows: number[] },
  layout: LayoutResult | null,
): { picked: number | null; rows: number[] } {
  const rows = layout?.sample?.rows;
  if (!rows) return m;
  const at = (r: number) => {
    // The sample's rows are ascending: a binary search.
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return rows[lo] === r ? lo : -1;
  };
  const picked = m.picked === null ? -1 : at(m.picked);
  return {
    picked: picked < 0 ? null : picked,
    rows: m.rows.map(at).filter((i) => i >= 0),
  };
}
