import type { NeighboursResult } from '../../protocol';
import { formatCount, formatPercent } from '../../ui/format';

const dist = (d: number) => (Math.abs(d) < 1e-4 && d !== 0 ? d.toExponential(2) : d.toFixed(4));

/** The neighbour list: rank, id, distance, label and each version's prediction. */
export function NeighboursTable({
  result,
  metric,
  onPick,
}: {
  result: NeighboursResult;
  metric: string;
  onPick?: (id: string) => void;
}) {
  const q = result.query;
  return (
    <table className="neighbours">
      <caption>
        Nearest neighbours of {q?.id ?? 'the row'} ({metric}, {formatCount(result.candidates)}{' '}
        candidates)
      </caption>
      <thead>
        <tr>
          <th scope="col">Rank</th>
          <th scope="col">Id</th>
          <th scope="col">Distance</th>
          <th scope="col">Label</th>
          {result.versions.map((v) => (
            <th scope="col" key={v}>
              {v}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.rows.map((r) => (
          <tr key={r.index} className={q && r.label !== q.label ? 'other-label' : undefined}>
            <td>{r.rank}</td>
            <th scope="row">
              {onPick ? (
                <button type="button" className="link" onClick={() => onPick(r.id)}>
                  {r.id}
                </button>
              ) : (
                r.id
              )}
            </th>
            <td className="num">{dist(r.distance)}</td>
            <td>{r.label ?? '—'}</td>
            {r.predictions.map((p, j) => (
              <td key={result.versions[j]}>{p ?? '—'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "6 of 10 are also neighbours in embedding_v2": what moved between two versions' embeddings. */
export function OverlapLine({ result }: { result: NeighboursResult }) {
  if (result.overlap.length === 0) return null;
  return (
    <ul className="overlap" aria-label="Neighbourhood overlap">
      {result.overlap.map((o) => (
        <li key={o.embedding}>
          {o.shared} of these {o.k} are also among the {o.k} nearest in{' '}
          <strong>{o.embedding}</strong>
        </li>
      ))}
    </ul>
  );
}

/** "3 of 10 neighbours (30%) have another label than 7; most say 9." */
export function AgreementLine({ result }: { result: NeighboursResult }) {
  const a = result.agreement;
  const own = result.query?.label;
  if (!a || own === null || own === undefined) return null;
  if (a.labelled === 0) return <p>No neighbour has a label.</p>;
  return (
    <p className="agreement" aria-label="Neighbour-label agreement">
      {formatCount(a.different)} of {formatCount(a.labelled)} neighbours (
      {formatPercent(a.different / a.labelled)}) have another label than this row’s{' '}
      <strong>{own}</strong>
      {a.majority !== null && a.majority !== own ? `; most of them say ${a.majority}` : ''}.
    </p>
  );
}
