import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { client } from '../../worker/client';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';
import type { PerClassResult } from '../../protocol';
import { formatCount, formatPercent } from '../../ui/format';

const LIMIT = 50;
const pct = formatPercent;

/** Precision, recall and F1 of every class for each version, on the active cohort. */
export function PerClassTable() {
  const analysis = useDataset((s) => s.analysis);
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts(
    (s) => s.cohorts.find((c) => c.id === s.activeId)?.name ?? 'All rows',
  );
  const req = { cohort, limit: LIMIT };
  const classification = !!analysis && analysis.task !== 'regression';
  const q = useWorkerQuery<PerClassResult>(classification ? req : null, () => client.perClass(req));
  if (!classification) return null;
  const r = q.data;
  return (
    <section className="panel" aria-labelledby="per-class-heading">
      <h2 id="per-class-heading">Per-class metrics in {cohortName}</h2>
      {q.error && <p className="error-text">{q.error}</p>}
      {r && (
        <div className="table-scroll">
          <table className="compare per-class">
            <caption>
              Precision, recall and F1 per class and version in {cohortName}
              {r.omitted > 0 ? ` (the ${LIMIT} largest classes; ${r.omitted} more not shown)` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col" className="num">
                  Rows with this label
                </th>
                {r.versions.map((v) => (
                  <th scope="colgroup" colSpan={3} key={v.version}>
                    {v.version}
                  </th>
                ))}
              </tr>
              <tr>
                <td />
                <td />
                {r.versions.flatMap((v) =>
                  ['precision', 'recall', 'F1'].map((m) => (
                    <th scope="col" className="num" key={`${v.version}:${m}`}>
                      {v.version} {m}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody>
              {r.classes.map((c, i) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  <td className="num">{formatCount(r.support[i]!)}</td>
                  {r.versions.flatMap((v) => [
                    <td className="num" key={`${v.version}:p`}>
                      {pct(v.precision[i]!)}
                    </td>,
                    <td className="num" key={`${v.version}:r`}>
                      {pct(v.recall[i]!)}
                    </td>,
                    <td className="num" key={`${v.version}:f`}>
                      {pct(v.f1[i]!)}
                    </td>,
                  ])}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
