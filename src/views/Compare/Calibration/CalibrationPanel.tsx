import { ReliabilityChart } from '../../../charts/ReliabilityChart';
import { versionColor } from '../../../charts/chartStyle';
import { formatCount, formatMetric } from '../../../ui/format';
import { client } from '../../../worker/client';
import type { Calibrations } from '../../../protocol';
import { ChartFrame } from '../Export/ChartFrame';
import { useSession } from '../../../state/query/useSession';
import { useWorkerQuery } from '../../../state/query/useWorkerQuery';

const BINS = 10;

/** Reliability diagram per version with its expected calibration error, for the active cohort. */
export function CalibrationPanel() {
  const { versions, cohort, cohortName, positiveClass } = useSession();
  const req = { cohort, bins: BINS };
  const { data, error } = useWorkerQuery<Calibrations>(req, () => client.calibrationCurves(req));
  const binary = data?.kind === 'binary';
  const where = cohortName ?? 'All rows';
  const title = `Reliability (${where})`;
  return (
    <section className="panel calibration-panel" aria-labelledby="calibration-heading">
      <h2 id="calibration-heading">Calibration</h2>
      {error && <p role="alert">Could not compute calibration: {error}</p>}
      {data?.message && <p className="note">{data.message}</p>}
      {data && data.versions.length > 0 && (
        <div className="chart-row">
          <ChartFrame
            title={title}
            note={`${BINS} equal-width bins. A calibrated model sits on the dashed diagonal; bars below show how many rows each bin holds (share of each version's rows).`}
          >
            <ReliabilityChart
              title={title}
              xLabel={
                binary
                  ? `mean predicted probability of “${positiveClass ?? '?'}”`
                  : 'mean confidence (top probability)'
              }
              yLabel={binary ? `observed share of “${positiveClass ?? '?'}”` : 'accuracy'}
              series={data.versions.map((v) => ({
                label: `${v.version} (ECE ${formatMetric(v.ece, 4)})`,
                color: versionColor(versions.indexOf(v.version)),
                meanConfidence: v.meanConfidence,
                accuracy: v.accuracy,
                count: v.count,
              }))}
            />
          </ChartFrame>
          <table className="ece-table">
            <caption>Expected calibration error in {where}</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">ECE</th>
                <th scope="col">Rows</th>
              </tr>
            </thead>
            <tbody>
              {data.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td className="num">{formatMetric(v.ece, 4)}</td>
                  <td className="num">{formatCount(v.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
