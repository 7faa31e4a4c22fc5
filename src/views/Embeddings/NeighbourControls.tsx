import { useDataset } from '../../state/datasetStore';
import type { Metric } from '../../protocol';
import { useNeighbourSettings } from './neighbourSettings';

/** Embedding, k, metric and the cohort restriction for neighbour searches. */
export function NeighbourControls({ embedding }: { embedding: string | null }) {
  const s = useNeighbourSettings();
  const embeddings = useDataset((d) => d.roles?.embeddings ?? []);
  return (
    <div className="neighbour-controls">
      {embeddings.length > 1 && (
        <label>
          Neighbours in{' '}
          <select value={embedding ?? ''} onChange={(e) => s.set({ embedding: e.target.value })}>
            {embeddings.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        k{' '}
        <input
          type="number"
          min={1}
          max={200}
          value={s.k}
          onChange={(e) => s.set({ k: Math.max(1, Math.min(200, Number(e.target.value) || 1)) })}
        />
      </label>
      <label>
        Metric{' '}
        <select value={s.metric} onChange={(e) => s.set({ metric: e.target.value as Metric })}>
          <option value="cosine">cosine</option>
          <option value="euclidean">euclidean</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={s.restrict}
          onChange={(e) => s.set({ restrict: e.target.checked })}
        />{' '}
        Only the active cohort
      </label>
    </div>
  );
}
