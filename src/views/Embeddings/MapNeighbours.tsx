import { useEffect } from 'react';
import { useView } from '../../state/viewStore';
import { embeddingOfSource } from '../../protocol';
import { useNeighbourSettings } from './neighbourSettings';
import { useNeighbours } from './useNeighbours';
import { NeighbourControls } from './NeighbourControls';
import { AgreementLine, NeighboursTable, OverlapLine } from './NeighboursTable';
import { LabelErrorsPanel } from './LabelErrorsPanel';
import { InstanceView } from '../Instance/InstanceView';

/** Neighbours of the picked row under the map, and the label-error scan. */
export function MapNeighbours({
  rowId,
  source,
  onMarks,
}: {
  rowId: string | null;
  source: string;
  onMarks: (m: { picked: number | null; rows: number[] }) => void;
}) {
  const metric = useNeighbourSettings((s) => s.metric);
  const setSettings = useNeighbourSettings((s) => s.set);
  const focusRow = useView((s) => s.focusRow);
  // The map's embedding is the natural space to search in.
  useEffect(() => {
    const e = embeddingOfSource(source);
    if (e) setSettings({ embedding: e });
  }, [source, setSettings]);
  const { result, error, embedding } = useNeighbours(rowId);
  useEffect(() => {
    const ok = result && !result.error;
    onMarks({
      picked: result?.query?.index ?? null,
      rows: ok ? result.rows.map((r) => r.index) : [],
    });
  }, [result, onMarks]);
  if (!embedding) return null;
  return (
    <div className="map-neighbours">
      <section className="panel" aria-labelledby="map-neighbours-heading">
        <h3 id="map-neighbours-heading">Neighbours</h3>
        <NeighbourControls embedding={embedding} />
        {!rowId && <p className="muted">Click a point to list its nearest neighbours.</p>}
        {error && <p role="alert">{error}</p>}
        {rowId && result && !result.error && (
          <>
            {result.query && <InstanceView row={result.query.index} name={`row ${rowId}`} small />}
            <AgreementLine result={result} />
            <OverlapLine result={result} />
            <NeighboursTable result={result} metric={metric} onPick={focusRow} />
          </>
        )}
      </section>
      <LabelErrorsPanel embedding={embedding} />
    </div>
  );
}
