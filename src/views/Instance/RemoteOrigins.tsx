import { useDataset } from '../../state/datasetStore';
import { originsOf, useOrigins } from '../../state/originsStore';

/** The origins this dataset may load images from, each with a way to take it back. */
export function RemoteOrigins() {
  const fp = useDataset((s) => s.summary?.fingerprint ?? '');
  const origins = useOrigins((s) => originsOf(s, fp));
  const revoke = useOrigins((s) => s.revoke);
  if (origins.length === 0) return null;
  return (
    <section className="remote-origins" aria-label="Allowed image origins">
      <span>Images are loaded from:</span>
      <ul>
        {origins.map((o) => (
          <li key={o}>
            <code>{o}</code>{' '}
            <button type="button" className="button" onClick={() => revoke(fp, o)}>
              Stop loading from {o}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
