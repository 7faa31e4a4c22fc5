import { useEffect } from 'react';
import type { Analysis } from '../../protocol';
import { useDataset } from '../../state/datasetStore';
import { type CohortMetrics, MetricsTable } from './MetricsTable';
import { useCohorts } from '../../state/cohortStore';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { JoinReportView } from './JoinReportView';
import { RoleMappingPanel } from '../Mapping/RoleMappingPanel';

/**
 * The metrics table: All rows and the active cohort. The only part of the overview that follows
 * the cohort store, so a cohort edit and its answer re-render this table, not the join report
 * and the role mapping beside it (issue 15: the answer's frame comes sooner).
 */
function OverviewMetrics({ analysis, numRows }: { analysis: Analysis; numRows: number }) {
  const active = useCohorts((s) => s.cohorts.find((c) => c.id === s.activeId));
  const activeStats = useCohorts((s) => (s.activeId ? s.stats.get(s.activeId) : undefined));
  const rows: CohortMetrics[] = [{ cohort: 'All rows', size: numRows, metrics: analysis.metrics }];
  if (active && activeStats && !activeStats.error)
    rows.push({ cohort: active.name, size: activeStats.size, metrics: activeStats.metrics });
  return <MetricsTable task={analysis.task} positiveClass={analysis.positiveClass} rows={rows} />;
}

/** Everything about the open dataset, in the order a first-time reader needs it. */
export function DatasetPanels() {
  const summary = useDataset((s) => s.summary);
  const analysis = useDataset((s) => s.analysis);
  const noLabel = useDataset((s) => !!s.roles && !s.roles.label && s.roles.versions.length > 0);
  useEffect(() => {
    // For the benchmark: the moment the first answer is on screen.
    if (analysis) performance.mark('wb:overview-ready');
  }, [analysis]);
  if (!summary) {
    return (
      <section className="panel empty">
        <h2>Open an evaluation set</h2>
        <p>
          Choose or drop Arrow (<code>.arrow</code>, <code>.feather</code>, <code>.arrows</code>),
          Parquet or CSV files with predictions of one or more model versions. Nothing leaves this
          browser.
        </p>
      </section>
    );
  }
  return (
    <>
      {summary.description && <p className="description">{summary.description}</p>}
      <section className="panel" aria-labelledby="overview-heading">
        <h2 id="overview-heading">Overview</h2>
        {noLabel ? (
          <p>
            No label column: metrics need one. Choose it in the banner above or under “Column
            roles”.
          </p>
        ) : analysis ? (
          <OverviewMetrics analysis={analysis} numRows={summary.numRows} />
        ) : (
          <p>Computing metrics…</p>
        )}
        {analysis && analysis.warnings.length > 0 && (
          <ul className="warnings" aria-label="Warnings">
            {analysis.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </section>
      <ErrorBoundary name="Join report">
        <JoinReportView summary={summary} />
      </ErrorBoundary>
      <ErrorBoundary name="Column roles">
        <RoleMappingPanel />
      </ErrorBoundary>
    </>
  );
}
