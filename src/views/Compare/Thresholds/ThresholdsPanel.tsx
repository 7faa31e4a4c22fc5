import { useState } from 'react';
import { versionColor } from '../../../charts/chartStyle';
import { thresholdOf, useCompare } from '../../../state/compareStore';
import { formatCount, formatThreshold } from '../../../ui/format';
import { client } from '../../../worker/client';
import type { MatchResult, OperatingPoints } from '../../../protocol';
import { useSession } from '../../../state/query/useSession';
import { useDataKey, useWorkerQuery } from '../../../state/query/useWorkerQuery';
import { OperatingPointTable } from './OperatingPointTable';
import { ThresholdControl } from './ThresholdControl';

function matchSentence(m: MatchResult, cohort: string): string {
  const what = m.by === 'fpr' ? 'false positives' : 'alerts';
  return (
    `${m.other}'s threshold set to ${formatThreshold(m.threshold)}: ${formatCount(m.achieved)} ${what}, against ` +
    `${formatCount(m.target)} for ${m.baseline} at ${formatThreshold(m.base.threshold)} ` +
    `(${formatCount(m.rows)} rows of ${cohort} scored by both).`
  );
}

/** Per-version thresholds, "match operating point", and the operating points side by side. */
export function ThresholdsPanel() {
  const ctx = useSession();
  const { task, versions, baseline, thresholds, cohort, cohortName } = ctx;
  const setThreshold = useCompare((s) => s.setThreshold);
  const others = versions.filter((v) => v !== baseline);
  const [other, setOther] = useState<string | null>(null);
  const [by, setBy] = useState<'fpr' | 'alerts'>('fpr');
  const [match, setMatch] = useState<{ result: MatchResult; cohort: string } | null>(null);
  const [matchError, setMatchError] = useState<string | null>(null);
  const target = other && others.includes(other) ? other : (others[0] ?? null);
  const binary = task === 'binary';
  const all = Object.fromEntries(versions.map((v) => [v, thresholdOf({ thresholds }, v)]));
  const req = { cohort, thresholds: all };
  const dataKey = useDataKey();
  // The request names all it depends on (data, roles, cohort, thresholds), so it is not asked again
  // when the worker's re-analysis after a threshold edit lands (see useWorkerQuery).
  const points = useWorkerQuery<OperatingPoints>(
    binary ? { req, dataKey } : null,
    () => client.operatingPoints(req),
    { perAnalysis: false },
  );
  const cohortLabel = cohortName ?? 'All rows';

  const runMatch = async () => {
    if (!baseline || !target) return;
    setMatchError(null);
    try {
      const r = await client.matchOperatingPoint({ ...req, baseline, other: target, by });
      if (r.message || Number.isNaN(r.threshold)) return setMatchError(r.message ?? 'No match');
      setThreshold(target, r.threshold);
      setMatch({ result: r, cohort: cohortLabel });
    } catch (err) {
      setMatchError(err instanceof Error ? err.message : String(err));
    }
  };
  // The sentence describes a match only while the thresholds are still the matched ones.
  const live =
    match &&
    all[match.result.other] === match.result.threshold &&
    all[match.result.baseline] === match.result.base.threshold;

  return (
    <section className="panel thresholds-panel" aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">Thresholds and operating points</h2>
      {!binary ? (
        <p className="note">
          Thresholds apply to binary scores; this dataset is {task ?? 'not analysed yet'}.
        </p>
      ) : (
        <>
          <div className="threshold-controls" data-report-skip="">
            {versions.map((v, i) => (
              <ThresholdControl
                key={v}
                version={v}
                color={versionColor(i)}
                value={all[v]!}
                onCommit={(t) => setThreshold(v, t)}
              />
            ))}
          </div>
          {target && (
            <div className="match-controls" data-report-skip="">
              <label>
                Set the threshold of{' '}
                <select
                  aria-label="Version to match"
                  value={target}
                  onChange={(e) => setOther(e.target.value)}
                >
                  {others.map((v) => (
                    <option key={v}>{v}</option>
                  ))}
                </select>
              </label>
              <label>
                so that its{' '}
                <select
                  aria-label="Match by"
                  value={by}
                  onChange={(e) => setBy(e.target.value as 'fpr' | 'alerts')}
                >
                  <option value="fpr">false-positive rate</option>
                  <option value="alerts">alert volume</option>
                </select>
              </label>
              <span>equals {baseline}&apos;s</span>
              <button type="button" className="button" onClick={() => void runMatch()}>
                Match operating point
              </button>
            </div>
          )}
          {live && <p className="match-note">{matchSentence(match.result, match.cohort)}</p>}
          {matchError && <p role="alert">Could not match the operating point: {matchError}</p>}
          {points.error && <p role="alert">Could not compute operating points: {points.error}</p>}
          {points.data && baseline && (
            <OperatingPointTable
              points={points.data.versions}
              baseline={baseline}
              cohortName={cohortName}
            />
          )}
        </>
      )}
    </section>
  );
}
