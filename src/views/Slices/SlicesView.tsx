import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { formatCount, formatPercent } from '../../ui/format';
import { client } from '../../worker/client';
import { SlicesControls } from './SlicesControls';
import { SlicesNote, whatWasSearched } from './SlicesNote';
import { SlicesTable } from './SlicesTable';
import { useSlices } from './sliceStore';

/** Where a version fails, got worse or got better than a baseline, found automatically. */
export function SlicesView() {
  const roles = useDataset((s) => s.roles);
  const cohort = useCohorts(activePredicate);
  const activeId = useCohorts((c) => c.activeId);
  const cohortName = useCohorts((c) => c.cohorts.find((x) => x.id === c.activeId)?.name ?? null);
  const { settings, result, scope, progress, error, notice, update } = useSlices();
  const versions = roles?.versions.map((v) => v.name) ?? [];
  const version =
    settings.version && versions.includes(settings.version)
      ? settings.version
      : versions[versions.length - 1];
  const baseline =
    settings.baseline && versions.includes(settings.baseline) && settings.baseline !== version
      ? settings.baseline
      : (versions.find((v) => v !== version) ?? null);

  const run = async () => {
    if (!version) return;
    const runScope = { id: activeId, name: cohortName };
    update({ progress: 0, error: null, result: null, notice: null, scope: runScope });
    // Progress can arrive after the answer; once it is in, it is stale.
    let running = true;
    try {
      const req = { ...settings, version, baseline, cohort };
      const final = await client.findSlices(req, (fraction, partial) => {
        if (!running) return;
        update(partial ? { progress: fraction, result: partial } : { progress: fraction });
      });
      update({ result: final });
    } catch (err) {
      update({ error: err instanceof Error ? err.message : String(err) });
    } finally {
      running = false;
      update({ progress: null });
    }
  };

  if (!version) {
    return (
      <section className="panel">
        <h2>Slices</h2>
        <p>
          Finding slices needs a model version with predictions; assign one under “Column roles”.
        </p>
      </section>
    );
  }
  // The text above the table describes the table: the search that produced it, in the cohort
  // it ran in, even after the active cohort changed (e.g. by "Make cohort").
  const shown = result && scope ? { ...result, scope } : null;
  const moved = shown !== null && shown.scope.id !== activeId;
  return (
    <section className="panel slices-view" aria-labelledby="slices-heading">
      <h2 id="slices-heading">Slices</h2>
      <p className="muted" data-testid="slices-what">
        {shown
          ? whatWasSearched(shown, shown.scope.name)
          : whatWasSearched(
              { mode: settings.mode, version, baseline, maxConditions: settings.maxConditions },
              cohortName,
            )}
      </p>
      <SlicesControls
        versions={versions}
        version={version}
        baseline={baseline}
        busy={progress !== null}
        onRun={() => void run()}
      />
      {progress !== null && (
        <p>
          <progress value={progress} aria-label="Slice search" /> {formatPercent(progress)}{' '}
          <button type="button" className="button small" onClick={() => void client.cancelSlices()}>
            Cancel
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {notice && <p role="status">{notice}</p>}
      {moved && (
        <p className="slices-scope-note">
          The active cohort is now {cohortName ? `“${cohortName}”` : 'all rows'}; these results are
          for {shown.scope.name ? `“${shown.scope.name}”` : 'all rows'}. Find slices again to search
          within it.
        </p>
      )}
      {result && <SlicesNote result={result} />}
      {result && result.results.length === 0 && result.done && (
        <p>No slice with at least {formatCount(result.minSize)} rows stands out from the rest.</p>
      )}
      {result && result.results.length > 0 && <SlicesTable result={result} />}
    </section>
  );
}
