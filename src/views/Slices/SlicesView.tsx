import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { formatCount, formatPercent } from '../../ui/format';
import { client } from '../../worker/client';
import type { SlicesResult } from '../../protocol';
import { SlicesControls } from './SlicesControls';
import { SlicesTable } from './SlicesTable';
import { formatEffect } from './format';
import { useSlices } from './sliceStore';

function Note({ result }: { result: SlicesResult }) {
  const skipped = result.skipped.map((s) => `${s.column} (${formatCount(s.categories)})`);
  return (
    <p className="muted slices-note">
      {result.cancelled ? 'Cancelled; the best slices found so far. ' : ''}
      Overall {result.measure}: {formatEffect(result.overall, result.measure)} over{' '}
      {formatCount(result.n)} rows. Each slice is tested one-sided against{' '}
      {result.measure === 'MAE' || result.measure === 'Δ absolute error'
        ? 'the rest (Welch t)'
        : 'the rest (exact binomial at the rest’s rate)'}
      ; q is the Benjamini–Hochberg adjusted p-value (false discovery rate 5%) over{' '}
      {formatCount(result.tried)} slices tried ({formatCount(result.tested)} tested, the rest of the
      lattice counted as p = 1). Minimum {formatCount(result.minSize)} rows;{' '}
      {formatCount(result.features)} features; numeric ones in quantile bins.
      {skipped.length > 0 &&
        ` Only the 30 most frequent categories are candidates; skipped: ${skipped.join(', ')}.`}{' '}
      {result.done && `${(result.elapsedMs / 1000).toFixed(1)} s.`}
    </p>
  );
}

/** Where a version fails, or got worse than a baseline, found automatically. */
export function SlicesView() {
  const roles = useDataset((s) => s.roles);
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts((c) => c.cohorts.find((x) => x.id === c.activeId)?.name);
  const { settings, result, progress, error, update } = useSlices();
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
    update({ progress: 0, error: null, result: null });
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
  return (
    <section className="panel slices-view" aria-labelledby="slices-heading">
      <h2 id="slices-heading">Slices</h2>
      <p className="muted">
        Groups of rows, described by up to {settings.maxConditions} feature conditions, where{' '}
        {settings.mode === 'failure'
          ? `${version} fails more than on the rest`
          : `${version} broke rows that ${baseline ?? 'the baseline'} had right (negative flips) more than elsewhere`}
        {cohortName ? `, within “${cohortName}”` : ''}.
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
          <button type="button" onClick={() => void client.cancelSlices()}>
            Cancel
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {result && <Note result={result} />}
      {result && result.results.length === 0 && result.done && (
        <p>No slice with at least {formatCount(result.minSize)} rows is worse than the rest.</p>
      )}
      {result && result.results.length > 0 && <SlicesTable result={result} />}
    </section>
  );
}
