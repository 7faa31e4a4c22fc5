import type { FindIdsResult } from '../../protocol';
import { formatCount } from '../../ui/format';

/** Why "Find row by id" found nothing, with the nearest ids to click and what ids look like. */
export function FindMessage({
  query,
  r,
  numRows,
  choose,
}: {
  query: string;
  r: FindIdsResult;
  numRows: number;
  choose: (id: string) => void;
}) {
  if (!r.hasIds)
    return <>This dataset has no id column: type a row number like #0 (up to #{numRows - 1}).</>;
  return (
    <>
      No row with id “<bdi>{query}</bdi>”.{' '}
      {r.nearest.length > 0 && (
        <>
          Did you mean{' '}
          {r.nearest.map((h, j) => (
            <span key={h.id}>
              {j > 0 && ', '}
              <button type="button" className="link-button" onClick={() => choose(h.id)}>
                <bdi>{h.id}</bdi>
              </button>
            </span>
          ))}
          ?{' '}
        </>
      )}
      <span className="hint">
        {formatCount(r.distinct)} ids, like {r.examples.join(', ')}.
      </span>
    </>
  );
}
