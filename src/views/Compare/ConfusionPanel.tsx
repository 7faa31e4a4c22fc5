import { useState } from 'react';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { client } from '../../worker/client';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';
import type { ConfusionResult } from '../../protocol';
import type { Predicate } from '../../protocol';
import { MatrixTable } from './MatrixTable';
import { drillDown } from './drill';
import { formatCount } from '../../ui/format';

const TOP = 20;

/** Confusion matrices of the baseline and another version on the active cohort, their shift, and transitions. */
export function ConfusionPanel({ baseline, versions }: { baseline: string; versions: string[] }) {
  const analysis = useDataset((s) => s.analysis);
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts(
    (s) => s.cohorts.find((c) => c.id === s.activeId)?.name ?? 'All rows',
  );
  const others = versions.filter((v) => v !== baseline);
  const [pick, setPick] = useState<string | null>(null);
  const b = pick && others.includes(pick) ? pick : (others[0] ?? null);
  const [normalize, setNormalize] = useState(false);
  const req = { cohort, a: baseline, b: b ?? '', top: TOP };
  const q = useWorkerQuery<ConfusionResult>(b ? req : null, () => client.confusion(req), {
    keepPrevious: false,
  });
  if (!b || analysis?.task === 'regression') return null;
  const r = q.data;
  const cls = (i: number) => (r ? r.classIndex[i]! : -1);
  const label = (i: number) => (r ? r.labels[i]! : '');
  const classOf = (i: number) => (analysis ? analysis.classes[cls(i)]! : '');
  const click = (name: string, condition: Predicate | null) =>
    condition && drillDown(`${name} in ${cohortName}`, cohort, condition);
  const confusionCell = (version: string) => (i: number, j: number) =>
    cls(i) >= 0 && cls(j) >= 0
      ? click(`label ${label(i)}, ${version} predicted ${label(j)}`, {
          op: 'and',
          children: [
            { op: 'label', values: [classOf(i)] },
            { op: 'predicted', version, values: [classOf(j)] },
          ],
        })
      : null;
  const transitionCell = (i: number, j: number) =>
    cls(i) >= 0 && cls(j) >= 0
      ? click(`${baseline} predicted ${label(i)}, ${b} predicted ${label(j)}`, {
          op: 'and',
          children: [
            { op: 'predicted', version: baseline, values: [classOf(i)] },
            { op: 'predicted', version: b, values: [classOf(j)] },
          ],
        })
      : null;
  const describe = (what: string) => (i: number, j: number, text: string) =>
    `${what}: row ${label(i)}, column ${label(j)}: ${text}; show these rows`;
  return (
    <section className="panel" aria-labelledby="confusion-heading">
      <h2 id="confusion-heading">Confusion shifts in {cohortName}</h2>
      <div className="role-controls">
        <span data-report-skip="">
          {baseline} (baseline) vs{' '}
          <select
            aria-label="Compare the baseline with"
            value={b}
            onChange={(e) => setPick(e.target.value)}
          >
            {others.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </span>
        <label className="inline">
          <input
            type="checkbox"
            checked={normalize}
            onChange={(e) => setNormalize(e.target.checked)}
          />{' '}
          row-normalized
        </label>
        {r && r.grouped > 0 && (
          <span className="hint">
            Top {TOP} classes by error mass; {r.grouped} grouped as “other”.
          </span>
        )}
        {r && (
          <span className="hint">{formatCount(r.n)} rows with a label and both predictions.</span>
        )}
      </div>
      {q.error && <p className="error-text">{q.error}</p>}
      {r && (
        <div className="matrices">
          <MatrixTable
            caption={`Confusion matrix of ${baseline}`}
            rowTitle="true"
            colTitle="predicted"
            labels={r.labels}
            values={r.a}
            normalize={normalize}
            onCell={confusionCell(baseline)}
            cellLabel={describe(`${baseline} confusion`)}
          />
          <MatrixTable
            caption={`Confusion matrix of ${b}`}
            rowTitle="true"
            colTitle="predicted"
            labels={r.labels}
            values={r.b}
            normalize={normalize}
            onCell={confusionCell(b)}
            cellLabel={describe(`${b} confusion`)}
          />
          <MatrixTable
            caption={`Difference ${b} − ${baseline} (red: worse under ${b}, more errors off the diagonal or fewer correct on it; blue: better)`}
            rowTitle="true"
            colTitle="predicted"
            labels={r.labels}
            values={r.delta}
            diverging
          />
          <MatrixTable
            caption={`Transitions: ${baseline}'s prediction → ${b}'s prediction`}
            rowTitle={baseline}
            colTitle={b}
            labels={r.labels}
            values={r.transition}
            normalize={normalize}
            onCell={transitionCell}
            cellLabel={describe('transition')}
          />
        </div>
      )}
    </section>
  );
}
