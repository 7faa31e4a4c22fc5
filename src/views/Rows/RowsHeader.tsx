import type { RowColumn } from '../../protocol';
import type { RowsTable } from './columns';

const SORT_WORD = { asc: 'ascending', desc: 'descending' } as const;

interface Props {
  table: RowsTable;
  byKey: Map<string, RowColumn>;
  template: string;
  width: number;
  height: number;
  pinned: string | null;
}

/** Column headers; a sortable one is a button, and aria-sort says the worker's current order. */
export function RowsHeader({ table, byKey, template, width, height, pinned }: Props) {
  return (
    <div role="rowgroup" className="rows-head" style={{ width }}>
      {table.getHeaderGroups().map((group) => (
        <div
          key={group.id}
          role="row"
          aria-rowindex={1}
          className="rows-tr"
          style={{ gridTemplateColumns: template, height }}
        >
          {group.headers.map((h, j) => {
            const sorted = h.column.getIsSorted();
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-colindex={j + 1}
                aria-sort={sorted ? SORT_WORD[sorted] : undefined}
                className={`rows-th${h.column.id === pinned ? ' pinned' : ''}`}
              >
                {h.column.getCanSort() ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={h.column.getToggleSortingHandler()}
                    title={`Sort by ${byKey.get(h.column.id)?.label ?? ''}`}
                  >
                    <table.FlexRender header={h} />
                    <span aria-hidden="true" className="sort-mark">
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                    </span>
                  </button>
                ) : (
                  <span>
                    <table.FlexRender header={h} />
                  </span>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
