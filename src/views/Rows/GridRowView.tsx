import { memo } from 'react';
import { cellTitle, formatCell, isNumeric } from '../../ui/formatCell';
import type { RowColumn } from '../../protocol';
import type { GridRow } from './useRowPages';
import { InstanceImage } from '../Instance/InstanceImage';

interface Props {
  byKey: Map<string, RowColumn>;
  /** The loaded row, or undefined while its page is on the way. */
  row: GridRow | undefined;
  index: number;
  /** Offset inside the block the grid positions (px): stable while the row stays on screen. */
  y: number;
  height: number;
  template: string;
  width: number;
  /** The visible columns' keys, in order (the same array while they do not change). */
  columns: string[];
  pinned: string | null;
  active: boolean;
  onPick: (index: number, row: GridRow) => void;
}

/**
 * One row of the grid, drawn straight from the worker's cells (the table library keeps the
 * header, sort and column state; a row needs none of its per-cell objects). Memoized on what it
 * shows: while scrolling, rows already on screen keep their props (the grid moves their block,
 * not them), so only rows entering the screen render.
 */
export const GridRowView = memo(function GridRowView({
  byKey,
  row,
  index,
  y,
  height,
  template,
  width,
  columns,
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
  if (!row) {
    return (
      <div {...common} className="rows-tr loading" aria-busy="true">
        <div role="gridcell" aria-colspan={columns.length} className="rows-td placeholder">
          Loading row {index + 1}…
        </div>
      </div>
    );
  }
  return (
    <div {...common} className="rows-tr" onClick={() => onPick(index, row)}>
      {columns.map((key) => {
        const value = row.cells[key] ?? null;
        const info = byKey.get(key);
        const percent = info?.percent ?? false;
        // Numbers (and a numeric column's missing values) line up on the right.
        const right =
          isNumeric(value, percent) ||
          (value === null && info?.kind === 'numeric' && info.role !== 'id');
        const pin = key === pinned ? ' pinned' : '';
        if (info?.role === 'image') {
          return (
            <div key={key} role="gridcell" className="rows-td image">
              <InstanceImage
                column={key}
                row={row.index}
                size={26}
                label={`${key} of ${row.id ?? `#${row.index}`}`}
              />
            </div>
          );
        }
        return (
          <div
            key={key}
            role="gridcell"
            className={`rows-td${pin}${right ? ' num' : ''}${value === null ? ' missing' : ''}`}
            title={cellTitle(value)}
          >
            {formatCell(value, percent)}
          </div>
        );
      })}
    </div>
  );
});
