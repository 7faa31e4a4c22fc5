import type { DatasetSummary } from '../../protocol';
import { formatCount } from '../../ui/format';

/** How the files were put together: matched, missing, extra and duplicate ids per file. */
export function JoinReportView({ summary }: { summary: DatasetSummary }) {
  const r = summary.report;
  return (
    <section className="panel" aria-labelledby="join-heading">
      <h2 id="join-heading">Data</h2>
      <p>
        Shape: <strong>{r.shape}</strong>
        {r.idColumn ? (
          <>
            {' '}
            · joined on id column <code>{r.idColumn}</code>
          </>
        ) : (
          ' · no id column'
        )}
        {r.duplicateIds > 0 && <> · {formatCount(r.duplicateIds)} rows repeat an id</>}
        {r.nullIds > 0 && <> · {formatCount(r.nullIds)} rows have no id</>}
      </p>
      <table className="join">
        <caption>Join report</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Version</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col" className="num">
              Ids matched
            </th>
            <th scope="col" className="num">
              Ids missing
            </th>
            <th scope="col" className="num">
              Ids not in dataset
            </th>
            <th scope="col" className="num">
              Duplicate ids
            </th>
          </tr>
        </thead>
        <tbody>
          {r.files.map((f) => (
            <tr key={`${f.fileName}:${f.version ?? ''}`}>
              <th scope="row">{f.fileName}</th>
              <td>{f.version ?? '—'}</td>
              <td className="num">{formatCount(f.rows)}</td>
              <td className="num">{formatCount(f.matched)}</td>
              <td className="num">{formatCount(f.missing)}</td>
              <td className="num">{formatCount(f.extra)}</td>
              <td className="num">{formatCount(f.duplicates)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.notes.map((n) => (
        <p key={n} className="note">
          {n}
        </p>
      ))}
      {summary.skipped.length > 0 && (
        <ul className="warnings" aria-label="Skipped columns">
          {summary.skipped.map((s) => (
            <li key={`${s.fileName}:${s.name}`}>
              Column <code>{s.name}</code> in {s.fileName} was skipped: {s.reason}.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
