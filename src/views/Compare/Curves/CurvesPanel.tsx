import { useState } from 'react';
import { CurveChart, type CurveMarkPoint } from '../../../charts/CurveChart';
import { versionColor } from '../../../charts/chartStyle';
import { thresholdOf } from '../../../state/compareStore';
import { formatMetric, formatPercent, formatThreshold } from '../../../ui/format';
import { client } from '../../../worker/client';
import type { CurveMark, Curves } from '../../../protocol';
import { ChartFrame } from '../Export/ChartFrame';
import { useSession } from '../../../state/query/useSession';
import { useDataKey, useWorkerQuery } from '../../../state/query/useWorkerQuery';
import { CurvesTable } from './CurvesTable';

/** Points kept per drawn curve: smooth at 260 px, small to send. */
const POINTS = 300;

/** Marks on one chart: each version's threshold (filled) and its point at the baseline's FPR. */
function marksOf(data: Curves, colorOf: (v: string) => string, pr: boolean, baseline: string) {
  return data.versions.flatMap((v): CurveMarkPoint[] => {
    // A threshold above every score flags nothing: precision is 0/0 there, drawn where the PR
    // curve starts (recall 0, precision 1, scikit-learn's end point) and said in the label.
    const at = (m: CurveMark) =>
      pr ? { x: m.tpr, y: Number.isNaN(m.precision) ? 1 : m.precision } : { x: m.fpr, y: m.tpr };
    const none = (m: CurveMark) => (m.tpr === 0 && m.fpr === 0 ? ' (flags nothing)' : '');
    const out: CurveMarkPoint[] = [];
    if (v.chosen) {
      const label = `${v.version} ≥ ${formatThreshold(v.chosen.threshold)}${none(v.chosen)}`;
      out.push({ ...at(v.chosen), color: colorOf(v.version), label });
    }
    if (v.matched && v.matched.threshold !== v.chosen?.threshold) {
      const label = `${v.version} at ${baseline}'s FPR (≥ ${formatThreshold(v.matched.threshold)})`;
      out.push({ ...at(v.matched), color: colorOf(v.version), label, hollow: true });
    }
    return out;
  });
}

/** ROC and precision–recall curves per version for the active cohort, thresholds marked. */
export function CurvesPanel() {
  const { task, versions, baseline, thresholds, cohort, cohortName } = useSession();
  const [classIndex, setClassIndex] = useState(0);
  const all = Object.fromEntries(versions.map((v) => [v, thresholdOf({ thresholds }, v)]));
  const multiclass = task === 'multiclass';
  const req = {
    cohort,
    thresholds: all,
    baseline,
    points: POINTS,
    ...(multiclass ? { classIndex } : {}),
  };
  const dataKey = useDataKey();
  // Depends on data, roles, cohort and thresholds only: not asked again when the analysis lands.
  const { data, error } = useWorkerQuery<Curves>(
    task ? { req, dataKey } : null,
    () => client.rocPrCurves(req),
    { perAnalysis: false },
  );
  const where = cohortName ?? 'All rows';
  const colorOf = (v: string) => versionColor(versions.indexOf(v));
  const positive = data ? `“${data.positive}”` : '';
  const what = data?.kind === 'one-vs-rest' ? `class ${positive} vs the rest, ` : '';
  const series = (pr: boolean) =>
    (data?.versions ?? []).map((v) => ({
      label: `${v.version} (${pr ? 'AP' : 'AUC'} ${formatMetric(pr ? v.ap : v.auc)})`,
      color: colorOf(v.version),
      x: pr ? v.pr.x : v.roc.x,
      y: pr ? v.pr.y : v.roc.y,
      steps: pr,
    }));
  const first = data?.versions[0];
  const prevalence = first ? first.nPos / (first.nPos + first.nNeg) : NaN;
  const rocTitle = `ROC curve (${what}${where})`;
  const prTitle = `Precision–recall curve (${what}${where})`;
  return (
    <section className="panel curves-panel" aria-labelledby="curves-heading">
      <h2 id="curves-heading">ROC and precision–recall</h2>
      {multiclass && data && (
        <div className="role-controls" data-report-skip="">
          <label>
            Positive class (one-vs-rest){' '}
            <select value={classIndex} onChange={(e) => setClassIndex(Number(e.target.value))}>
              {data.classes.map((c, k) => (
                <option key={k} value={k}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {error && <p role="alert">Could not compute the curves: {error}</p>}
      {data?.message && <p className="note">{data.message}</p>}
      {data && data.versions.length > 0 && baseline && (
        <>
          <div className="chart-row">
            <ChartFrame
              title={rocTitle}
              note="A filled dot is a version's threshold; a ring is where it flags as many false positives as the baseline at its threshold. Dashed: no skill."
            >
              <CurveChart
                title={rocTitle}
                series={series(false)}
                marks={marksOf(data, colorOf, false, baseline)}
                chance={{ kind: 'diagonal' }}
                xLabel="false-positive rate"
                yLabel={`true-positive rate (recall of ${positive})`}
              />
            </ChartFrame>
            <ChartFrame
              title={prTitle}
              note={`Drawn as steps: the area under them is the average precision (PR-AUC). Dashed: the share of ${positive} rows, what a score without skill reaches.`}
            >
              <CurveChart
                title={prTitle}
                series={series(true)}
                marks={marksOf(data, colorOf, true, baseline)}
                chance={{
                  kind: 'level',
                  y: prevalence,
                  label: `no skill (${formatPercent(prevalence)} ${positive})`,
                }}
                xLabel={`recall of ${positive}`}
                yLabel="precision"
              />
            </ChartFrame>
          </div>
          <CurvesTable data={data} baseline={baseline} where={where} />
        </>
      )}
    </section>
  );
}
