import { useDataset } from '../../state/datasetStore';
import { formatBytes } from '../../ui/format';

const PHASES = {
  reading: 'Reading',
  decoding: 'Decoding',
  joining: 'Joining',
  analysing: 'Analysing',
};

/** Bytes read and the current phase, for anything that takes longer than a blink. */
export function LoadProgress() {
  const loading = useDataset((s) => s.loading);
  const p = useDataset((s) => s.progress);
  const cancel = useDataset((s) => s.cancelOpen);
  if (!loading) return null;
  const pct = p && p.totalBytes ? Math.min(100, (100 * p.bytesRead) / p.totalBytes) : null;
  return (
    <section className="progress" aria-label="Loading progress">
      <div>
        {p ? `${PHASES[p.phase]} ${p.fileName}` : 'Opening…'}
        {p && p.phase === 'reading' && (
          <span>
            {' '}
            — {formatBytes(p.bytesRead)}
            {p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''}
          </span>
        )}
      </div>
      <progress max={100} value={pct ?? undefined} aria-label="Bytes read" />
      <button type="button" className="button" onClick={() => void cancel()}>
        Cancel
      </button>
    </section>
  );
}
