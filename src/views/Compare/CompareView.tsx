import { memo } from 'react';
import { useDataset } from '../../state/datasetStore';
import type { RoleMapping } from '../../protocol';
import { baselineOf, useCompare } from '../../state/compareStore';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { Staged } from '../../ui/Staged';
import { MetricsCompareTable } from './MetricsCompareTable';
import { FlipsTable } from './FlipsTable';
import { ConfusionPanel } from './ConfusionPanel';
import { PerClassTable } from './PerClassTable';
import { RESAMPLES, useCompareResult } from './useCompareResult';
import { DistributionsPanel } from './Distributions/DistributionsPanel';
import { ThresholdsPanel } from './Thresholds/ThresholdsPanel';
import { CalibrationPanel } from './Calibration/CalibrationPanel';
import { CurvesPanel } from './Curves/CurvesPanel';
import { RulesPanel } from './Rules/RulesPanel';
import { ExportPanel } from './Export/ExportPanel';

/** What a PM reviewing a model change opens: every cohort × version, what broke, what shifted. */
export function CompareView() {
  const roles = useDataset((s) => s.roles);
  const baselineSetting = useCompare((s) => s.baseline);
  const setBaseline = useCompare((s) => s.setBaseline);
  const { result, refining, error } = useCompareResult();
  const versions = roles?.versions.map((v) => v.name) ?? [];
  const baseline = baselineOf({ baseline: baselineSetting }, versions);
  if (versions.length < 2 || !baseline) {
    return (
      <section className="panel">
        <h2>Compare versions</h2>
        <p>
          Comparing needs at least two model versions; this dataset has {versions.length}. Assign
          more under “Column roles”.
        </p>
      </section>
    );
  }
  return (
    // data-report-root: what "Download report" copies (Export/ExportPanel).
    <div className="compare-view" data-report-root="">
      <section className="panel" aria-labelledby="compare-heading" aria-busy={refining}>
        <h2 id="compare-heading">Compare versions</h2>
        <div className="role-controls">
          <label>
            Baseline version{' '}
            <select value={baseline} onChange={(e) => setBaseline(e.target.value)}>
              {versions.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </label>
          {/* Progress is for the screen; the report notes unfinished numbers itself. */}
          <span className="hint" aria-live="polite" data-report-skip={refining ? '' : undefined}>
            {refining
              ? // The previous settings' final intervals stay on screen until the new ones come.
                result && result.resamples > 0 && result.resamples < RESAMPLES
                ? `Intervals from the first ${result.resamples} of ${RESAMPLES} resamples; refining (bootstrap)…`
                : 'Refining intervals (bootstrap)…'
              : result
                ? `Intervals from ${result.resamples} bootstrap resamples.`
                : ''}
          </span>
        </div>
        {error && <p className="error-text">{error}</p>}
        {result && (
          <>
            <MetricsCompareTable result={result} />
            <ul className="methods">
              {result.methods.map((m) => (
                <li key={m}>{m}</li>
              ))}
              {result.errors.map((e) => (
                <li key={e.cohortName} className="error-text">
                  Cohort “{e.cohortName}” left out: {e.error}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {/* The panels below mount one per task after the headline (ui/Staged): no long task. */}
      {result && result.flips.length > 0 && (
        <section className="panel" aria-labelledby="flips-heading">
          <h2 id="flips-heading">Flips</h2>
          <FlipsTable result={result} />
        </section>
      )}
      <ComparePanels baseline={baseline} roles={roles} />
    </div>
  );
}

/**
 * The panels below the headline. Memoized on the baseline and roles: a Compare answer (points,
 * then early and final intervals) re-renders the headline and the flips only, not every chart
 * below them (at 1M rows that render was a 50 ms long task between the worker's answer to a
 * threshold edit and the tables on screen; issue 15). They follow the thresholds and cohorts
 * through their own store subscriptions.
 */
const ComparePanels = memo(function ComparePanels({
  baseline,
  roles,
}: {
  baseline: string;
  roles: RoleMapping | null;
}) {
  const versions = roles?.versions.map((v) => v.name) ?? [];
  return (
    <>
      <Staged>
        <ErrorBoundary name="Confusion shifts">
          <ConfusionPanel baseline={baseline} versions={versions} />
        </ErrorBoundary>
      </Staged>
      <Staged>
        <ErrorBoundary name="Per-class metrics">
          <PerClassTable />
        </ErrorBoundary>
      </Staged>
      <Staged>
        <ErrorBoundary name="Release rules">
          <RulesPanel />
        </ErrorBoundary>
      </Staged>
      <Staged>
        <ErrorBoundary name="Thresholds">
          <ThresholdsPanel />
        </ErrorBoundary>
      </Staged>
      <Staged>
        <ErrorBoundary name="Distributions">
          <DistributionsPanel />
        </ErrorBoundary>
      </Staged>
      <Staged>
        <ErrorBoundary name="ROC and precision–recall">
          <CurvesPanel />
        </ErrorBoundary>
      </Staged>
      <Staged>
        <ErrorBoundary name="Calibration">
          <CalibrationPanel />
        </ErrorBoundary>
      </Staged>
      <Staged>
        <ErrorBoundary name="Export">
          <ExportPanel />
        </ErrorBoundary>
      </Staged>
    </>
  );
});
