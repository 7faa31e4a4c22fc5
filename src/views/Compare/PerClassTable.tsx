import { useEffect, useState } from 'react';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { client } from '../../worker/client';
import type { PerClassResult } from '../../protocol';
import { formatCount } from '../../ui/format';

const LIMIT = 50;
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/** Precision, recall and F1 of every class for each version, on the active cohort. */
export function PerClassTable() {
  const analysis = useDataset((s) => s.analysis);
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts(
    (s) => s.cohorts.find((c) => c.id === s.activeId)?.name ?? 'All rows',
  );
  const key = JSON.stringify({ cohort, m: analysis?.metrics });
  const [data, setData] = useState<{
    key: string;
    r: PerClassResult | null;
    error: string | null;
  } | null>(null);
  useEffect(() => {
    if (!analysis || analysis.task === 'regression') return;
    let live = true;
    client
      .perClass({ cohort, limit: LIMIT })
      .then((r) => live && setData({ key, r, error: null }))
      .catch((err: unknown) => live && setData({ key, r: null, error: String(err) }));
    return () => {
      live = false;
    };
  }, [key, cohort, analysis]);
  if (!analysis || analysis.task === 'regression') return null;
  const r = data?.key === key ? data.r : null;
  return (
    <section className="panel" aria-labelledby="per-class-heading">
      <h2 id="per-class-heading">Per-class metrics in {cohortName}</h2>
      {data?.error && <p className="error-text">{data.error}</p>}
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
                <th scope="col">Rows with this label</th>
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
                    <th scope="col" key={`${v.version}:${m}`}>
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
