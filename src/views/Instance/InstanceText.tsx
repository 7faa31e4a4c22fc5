import { useState } from 'react';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { client } from '../../worker/client';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';
import { formatCount } from '../../ui/format';

/** Characters shown before "Show all"; "Show all" asks for up to a million. */
const FIRST = 2000;
const ALL = 1_000_000;

/** A row's text, wrapped, with the active cohort's text conditions marked. */
export function InstanceText({
  column,
  row,
  limit = FIRST,
  expandable = true,
}: {
  column: string;
  row: number;
  limit?: number;
  expandable?: boolean;
}) {
  const cohort = useCohorts(activePredicate);
  const [all, setAll] = useState(false);
  const want = all ? ALL : limit;
  const req = { column, row, limit: want, cohort };
  const r = useWorkerQuery(req, () => client.instanceText(req), { keepPrevious: false }).data;
  if (!r) return <p className="instance-text loading">Reading the text…</p>;
  if (r.error) return <p className="instance-text missing">{r.error}</p>;
  if (r.text === null) return <p className="instance-text missing">No text</p>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  r.marks.forEach(([s, e], k) => {
    parts.push(r.text!.slice(at, s), <mark key={k}>{r.text!.slice(s, e)}</mark>);
    at = e;
  });
  parts.push(r.text.slice(at));
  const clipped = r.total > r.text.length;
  return (
    <div className="instance-text-box">
      <p className="instance-text" aria-label={`${column} text`}>
        {parts}
        {clipped && '…'}
      </p>
      {clipped && expandable && !all && (
        <button type="button" className="button" onClick={() => setAll(true)}>
          Show all ({formatCount(r.total)} characters)
        </button>
      )}
      {clipped && all && (
        <p className="note">
          The first {formatCount(r.text.length)} of {formatCount(r.total)} characters are shown.
        </p>
      )}
    </div>
  );
}
