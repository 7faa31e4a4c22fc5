import { memo } from 'react';
import { cellTitle, isNumeric } from '../../ui/formatCell';
import type { Cell, RowColumn } from '../../worker/rowsProtocol';
import type { RowsTable } from './columns';
import type { GridRow } from './useRowPages';

interface Props {
  table: RowsTable;
  byKey: Map<string, RowColumn>;
  /** The loaded row, or undefined while its page is on the way. */
  row: GridRow | undefined;
  index: number;
  /** Offset inside the block the grid positions (px): stable while the row stays on screen. */
  y: number;
  height: number;
  template: string;
  width: number;
  colCount: number;
  /** The visible columns' ids, in order: what the cells depend on besides the row. */
  columnsKey: string;
  pinned: string | null;
  active: boolean;
  onPick: (index: number, row: GridRow) => void;
}

/**
 * useTable hands back a new table object whenever its options object is new (every render of
 * the view, e.g. when a page of rows arrives), though what a row shows only changes with the row,
 * its columns and its place: so the table's identity is left out of the comparison.
 */
function sameRow(a: Props, b: Props): boolean {
  for (const k of Object.keys(a) as (keyof Props)[])
    if (k !== 'table' && !Object.is(a[k], b[k])) return false;
  return true;
}

/**
 * One row of the grid. Memoized on what it shows: while scrolling, rows already on screen keep
 * their props (the grid moves their block, not them), so only rows entering the screen render.
 */
export const GridRowView = memo(function GridRowView({
  table,
  byKey,
  row,
  index,
  y,
  height,
  template,
  width,
  colCount,
  pinned,
  active,
  onPick,
}: Props) {
  const common = {
    role: 'row',
    'aria-rowindex': index + 2,
    'data-pos': index,
    tabIndex: active ? 0 : -1,
    style: { transform: `translateY(${y}px)`, gridTemplateColumns: template, height, width },
  };
  const tableRow = row ? table.getRowModel().rowsById[String(index)] : undefined;
  if (!row || !tableRow) {
    return (
      <div {...common} className="rows-tr loading" aria-busy="true">
        <div role="gridcell" aria-colspan={colCount} className="rows-td placeholder">
          Loading row {index + 1}…
        </div>
      </div>
    );
  }
  return (
    <div {...common} className="rows-tr" onClick={() => onPick(index, row)}>
      {tableRow.getVisibleCells().map((cell) => {
        const value = cell.getValue() as Cell;
        const info = byKey.get(cell.column.id);
        const percent = info?.percent ?? false;
        // Numbers (and a numeric column's missing values) line up on the right.
        const right =
          isNumeric(value, percent) ||
          (value === null && info?.kind === 'numeric' && info.role !== 'id');
        const pin = cell.column.id === pinned ? ' pinned' : '';
        return (
          <div
            key={cell.id}
            role="gridcell"
            className={`rows-td${pin}${right ? ' num' : ''}${value === null ? ' missing' : ''}`}
            title={cellTitle(value)}
          >
            <table.FlexRender cell={cell} />
          </div>
        );
      })}
    </div>
  );
}, sameRow);
