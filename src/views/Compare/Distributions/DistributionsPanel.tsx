import {
  HistogramOverlay,
  type Marker,
  type OverlaySeries,
} from '../../../charts/HistogramOverlay';
import { versionColor } from '../../../charts/chartStyle';
import { thresholdOf } from '../../../state/compareStore';
import { formatThreshold } from '../../../ui/format';
import { client } from '../../../worker/client';
import type { Distributions } from '../../../protocol';
import { ChartFrame } from '../Export/ChartFrame';
import { DensityChart } from './DensityChart';
import { useSession } from '../../../state/query/useSession';
import { useDataKey, useWorkerQuery } from '../../../state/query/useWorkerQuery';

const BINS = 40;
const share = (counts: number[], n: number) => counts.map((c) => (n > 0 ? c / n : 0));
const pctTick = (v: number) => `${Number((v * 100).toFixed(1))}%`;

/** Score (or confidence) distributions of every version, the active cohort against all rows. */
export function DistributionsPanel() {
  const ctx = useSession();
  const { task, versions, thresholds, cohort, cohortName } = ctx;
  const binary = task === 'binary';
  const include = binary ? versions.map((v) => thresholdOf({ thresholds }, v)) : [];
  const req = { cohort, bins: BINS, include };
  const dataKey = useDataKey();
  // Depends on data, roles, cohort and thresholds only: not asked again when the analysis lands.
  const { data, error } = useWorkerQuery<Distributions>(
    { req, dataKey },
    () => client.scoreDistributions(req),
    { perAnalysis: false },
  );
  const markers: Marker[] = binary
    ? versions.map((v, i) => ({
        value: thresholdOf({ thresholds }, v),
        label: `${v} threshold ${formatThreshold(thresholdOf({ thresholds }, v))}`,
        color: versionColor(i),
      }))
    : [];
  const series: OverlaySeries[] = [];
  data?.versions.forEach((v) => {
    const color = versionColor(versions.indexOf(v.version));
    if (v.cohort) {
      series.push({
        label: `${v.version} · ${cohortName ?? 'cohort'}`,
        color,
        values: share(v.cohort, v.nCohort),
      });
      series.push({
        label: `${v.version} · all rows`,
        color,
        values: share(v.all, v.nAll),
        dashed: true,
      });
    } else series.push({ label: v.version, color, values: share(v.all, v.nAll) });
  });
  const what =
    task === 'multiclass' ? 'Confidence' : task === 'regression' ? 'Prediction' : 'Score';
  const title = `${what} distributions${cohortName ? ` (${cohortName} vs all rows)` : ''}`;
  return (
    <section className="panel distributions-panel" aria-labelledby="distributions-heading">
      <h2 id="distributions-heading">Distributions</h2>
      {error && <p role="alert">Could not compute the distributions: {error}</p>}
      {data?.message && <p className="note">{data.message}</p>}
      <div className="chart-row">
        {data && data.edges.length > 0 && (
          <ChartFrame
            title={title}
            note={
              cohortName
                ? 'Solid: the active cohort; dashed: all rows. Each curve is the share of its rows per bin, so a cohort and all rows compare at any size.'
                : 'Share of rows per bin. Activate a cohort to overlay it on all rows.'
            }
          >
            <HistogramOverlay
              title={title}
              edges={data.edges}
              series={series}
              xLabel={data.axis}
              yLabel="share of rows"
              yFormat={pctTick}
              markers={markers}
            />
          </ChartFrame>
        )}
        <DensityChart />
      </div>
    </section>
  );
}
