import { useMemo } from 'react';
import { type ColumnVisibilityState, type SortingState, useTable } from '@tanstack/react-table';
import { useDataset } from '../../state/datasetStore';
import { activePredicate, useCohorts } from '../../state/cohortStore';
import { useView } from '../../state/viewStore';
import { formatCount } from '../../ui/format';
import type { RowColumn } from '../../protocol';
import { ColumnChooser } from './ColumnChooser';
import { RowsGrid } from './RowsGrid';
import { columnDefs, defaultVisibility, features } from './columns';
import { type GridRow, type RowsQuery, useRowPages } from './useRowPages';
import { useRowColumns } from './useRowColumns';
import './rows.css';

const NO_ROWS: GridRow[] = [];

/** Every row of the active cohort: a virtualized grid, sorted and paged by the worker. */
export function RowsView() {
  const summary = useDataset((s) => s.summary);
  const columns = useRowColumns();
  if (!summary) {
    return (
      <section className="panel empty">
        <h2>Rows</h2>
        <p>Open an evaluation set to see its rows.</p>
      </section>
    );
  }
  return (
    <section className="panel rows-panel" aria-labelledby="rows-heading">
      <h2 id="rows-heading">Rows</h2>
      {columns ? (
        <RowsTableView key={summary.fingerprint} columns={columns} />
      ) : (
        <p className="note">Reading the columns…</p>
      )}
    </section>
  );
}

function RowsTableView({ columns }: { columns: RowColumn[] }) {
  const cohort = useCohorts(activePredicate);
  const cohortName = useCohorts((s) => s.cohorts.find((c) => c.id === s.activeId)?.name ?? null);
  const focusRow = useView((s) => s.focusRow);
  const sorting = useView((s) => s.rowsSort) as SortingState;
  const chosen = useView((s) => s.rowsColumns) as ColumnVisibilityState;
  const setSorting = (u: SortingState | ((old: SortingState) => SortingState)) =>
    useView.getState().setRowsSort(typeof u === 'function' ? u(sorting) : u);
  const setChosen = (c: ColumnVisibilityState) => useView.getState().setRowsColumns(c);
  const columnVisibility = useMemo(
    () => ({ ...defaultVisibility(columns), ...chosen }),
    [columns, chosen],
  );
  const defs = useMemo(() => columnDefs(columns), [columns]);
  const byKey = useMemo(() => new Map(columns.map((c) => [c.key, c])), [columns]);

  const s0 = sorting[0];
  const sortCol = s0 ? byKey.get(s0.id) : undefined;
  const sort = s0 && sortCol?.sortable ? { column: s0.id, desc: s0.desc } : null;
  const visibleKeys = columns
    .filter((c) => !Object.hasOwn(columnVisibility, c.key) || columnVisibility[c.key] !== false)
    .map((c) => c.key);
  // The query as a string, so it only changes when its content does.
  const queryJson = JSON.stringify({ cohort, sort, columns: visibleKeys });
  const query = useMemo(() => JSON.parse(queryJson) as RowsQuery, [queryJson]);
  const { pages, total, error, ensure } = useRowPages(query);

  const table = useTable({
    features,
    columns: defs,
    // The grid reads rows from the pages itself; the table keeps header, sort and column state.
    data: NO_ROWS,
    state: { sorting, columnVisibility },
    onSortingChange: setSorting,
    onColumnVisibilityChange: (u) => setChosen(typeof u === 'function' ? u(columnVisibility) : u),
    manualSorting: true,
    enableMultiSort: false,
    getRowId: (r: GridRow) => String(r.pos),
  });

  const where = cohortName ? `“${cohortName}”` : 'all rows';
  return (
    <>
      <div className="rows-toolbar">
        <p className="rows-count">
          {total === null ? 'Counting rows…' : `${formatCount(total)} rows in ${where}`}
          {sort && sortCol && (
            <span className="note">
              {' '}
              · sorted by {sortCol.label}, {sort.desc ? 'highest' : 'lowest'} first, missing last
            </span>
          )}
        </p>
        <ColumnChooser table={table} columns={columns} onDefaults={() => setChosen({})} />
      </div>
      {error && (
        <p className="rows-error" aria-live="polite">
          {error}
        </p>
      )}
      <RowsGrid
        table={table}
        byKey={byKey}
        total={total ?? 0}
        pages={pages}
        ensure={ensure}
        resetKey={queryJson}
        label={`Rows in ${cohortName ?? 'all rows'}`}
        onOpen={(r) => focusRow(r.id ?? `#${r.index}`)}
      />
    </>
  );
}
