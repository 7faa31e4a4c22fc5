import { useState } from 'react';
import { Density2D } from '../../../charts/Density2D';
import { versionColor } from '../../../charts/chartStyle';
import { thresholdOf } from '../../../state/compareStore';
import { formatCount, formatThreshold } from '../../../ui/format';
import { client } from '../../../worker/client';
import type { Density } from '../../../protocol';
import { ChartFrame } from '../Export/ChartFrame';
import { useSession } from '../../../state/query/useSession';
import { useDataKey, useWorkerQuery } from '../../../state/query/useWorkerQuery';

const BINS = 40;

/** The baseline's score against another version's, row by row, over the active cohort. */
export function DensityChart() {
  const { task, versions, baseline, thresholds, cohort, cohortName } = useSession();
  const others = versions.filter((v) => v !== baseline);
  const [picked, setPicked] = useState<string | null>(null);
  const b = picked && others.includes(picked) ? picked : (others[0] ?? null);
  const binary = task === 'binary';
  const ta = baseline ? thresholdOf({ thresholds }, baseline) : 0.5;
  const tb = b ? thresholdOf({ thresholds }, b) : 0.5;
  const req = {
    cohort,
    a: baseline ?? '',
    b: b ?? '',
    bins: BINS,
    include: binary ? [ta, tb] : [],
  };
  const dataKey = useDataKey();
  // Depends on data, roles, cohort and thresholds only: not asked again when the analysis lands.
  const { data, error } = useWorkerQuery<Density>(
    baseline && b ? { req, dataKey } : null,
    () => client.scoreDensity(req),
    { perAnalysis: false },
  );
  if (!baseline || !b) return null;
  const word =
    task === 'multiclass' ? 'confidence' : task === 'regression' ? 'prediction' : 'score';
  const title = `${baseline} ${word} vs ${b} ${word}${cohortName ? ` (${cohortName})` : ''}`;
  const ia = versions.indexOf(baseline);
  const ib = versions.indexOf(b);
  return (
    <div className="density-chart">
      {others.length > 1 && (
        <label>
          Compare {baseline} with{' '}
          <select
            aria-label="Version on the vertical axis"
            value={b}
            onChange={(e) => setPicked(e.target.value)}
          >
            {others.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      )}
      {error && <p role="alert">Could not compute the density: {error}</p>}
      {data?.message && <p className="note">{data.message}</p>}
      {data && data.edges.length > 0 && (
        <ChartFrame
          title={title}
          note={`${formatCount(data.n)} rows with both ${word}s. Above the dashed diagonal ${b}’s ${word} is higher than ${baseline}’s.${binary ? ' Coloured lines: each version’s threshold; the top-left and bottom-right quadrants hold rows flagged by one version only.' : ''}`}
        >
          <Density2D
            title={title}
            edges={data.edges}
            counts={data.counts}
            xLabel={`${baseline} ${word}`}
            yLabel={`${b} ${word}`}
            lines={
              binary
                ? [
                    {
                      axis: 'x',
                      value: ta,
                      label: `${baseline} ≥ ${formatThreshold(ta)}`,
                      color: versionColor(ia),
                    },
                    {
                      axis: 'y',
                      value: tb,
                      label: `${b} ≥ ${formatThreshold(tb)}`,
                      color: versionColor(ib),
                    },
                  ]
                : []
            }
          />
        </ChartFrame>
      )}
    </div>
  );
}
