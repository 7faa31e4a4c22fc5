import { useState } from 'react';
import { client } from '../../worker/client';
import type { LabelErrorsResult } from '../../protocol';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useView } from '../../state/viewStore';
import { formatCount, formatPercent } from '../../ui/format';
import { useNeighbourSettings } from './neighbourSettings';

/** On request: rows whose label at least half of their neighbours contradict (likely label errors). */
export function LabelErrorsPanel({ embedding }: { embedding: string }) {
  const s = useNeighbourSettings();
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts((c) => c.cohorts.find((x) => x.id === c.activeId)?.name);
  const focusRow = useView((v) => v.focusRow);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<LabelErrorsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setProgress(0);
    setError(null);
    // Progress messages can arrive after the answer; once it is in, they are stale.
    let running = true;
    try {
      const req = { embedding, k: s.k, metric: s.metric, cohort, restrict: s.restrict };
      const onProgress = (done: number, total: number) =>
        running && setProgress(total ? done / total : 1);
      setResult(await client.labelErrors(req, onProgress));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      running = false;
      setProgress(null);
    }
  };
  return (
    <section className="panel label-errors" aria-labelledby="label-errors-heading">
      <h3 id="label-errors-heading">Likely label errors</h3>
      <p className="muted">
        {cohortName ? `Rows of “${cohortName}”` : 'Rows'} whose label at least half of their {s.k}{' '}
        nearest neighbours ({s.metric}, in {embedding}) contradict.
      </p>
      {progress === null ? (
        <button type="button" className="button primary" onClick={() => void run()}>
          Find likely label errors
        </button>
      ) : (
        <p>
          <progress value={progress} aria-label="Label error scan" /> {formatPercent(progress)}{' '}
          <button
            type="button"
            className="button small"
            onClick={() => void client.cancelLabelErrors()}
          >
            Cancel
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {result && (
        <>
          <p>
            Checked {formatCount(result.checked)} of {formatCount(result.total)} labelled rows
            {result.checked < result.total &&
              (result.cancelled
                ? ' (cancelled)'
                : ` — a random sample: each row costs a full pass over the vectors, so at this size at most ${formatCount(result.cap)} are checked`)}
            .
          </p>
          {result.suspects.length === 0 && (
            <p>No checked row has a strict majority of its neighbours holding one other label.</p>
          )}
          <div className="suspects-scroll" hidden={result.suspects.length === 0}>
            <table className="suspects">
              <caption>{formatCount(result.suspects.length)} rows, most contradicted first</caption>
              <thead>
                <tr>
                  <th scope="col">Id</th>
                  <th scope="col">Label</th>
                  <th scope="col">Neighbours say</th>
                  <th scope="col">Disagree</th>
                </tr>
              </thead>
              <tbody>
                {result.suspects.map((r) => (
                  <tr key={r.index}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => focusRow(r.id)}>
                        {r.id}
                      </button>
                    </th>
                    <td>{r.label}</td>
                    <td>
                      {r.majority}{' '}
                      <span className="muted">
                        ({formatCount(r.majorityCount)} of {formatCount(r.labelled)})
                      </span>
                    </td>
                    <td className="num">
                      {formatCount(r.different)}/{formatCount(r.labelled)} ({formatPercent(r.share)}
                      )
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
