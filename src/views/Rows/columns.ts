import {
  type ColumnVisibilityState,
  type ReactTable,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { formatCell } from '../../ui/formatCell';
import type { RowColumn } from '../../protocol';
import type { GridRow } from './useRowPages';

/** Sorting is done by the worker (manual); the table keeps sort, visibility and size state. */
export const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
});

export type RowsTable = ReactTable<typeof features, GridRow>;

const helper = createColumnHelper<typeof features, GridRow>();

/** Column widths by what the column holds (every row is its own grid, so widths are fixed). */
function widthOf(c: RowColumn): number {
  if (c.role === 'id') return 170;
  if (c.role === 'image') return 64;
  if (c.role === 'text') return 320;
  if (c.key.startsWith(':flip:')) return 200;
  switch (c.kind) {
    case 'vector':
      return c.role.endsWith('probabilities') ? 190 : 230;
    case 'timestamp':
      return 220;
    case 'string':
      return 140;
    case 'boolean':
      return 100;
    default:
      return 104;
  }
}

export function columnDefs(columns: RowColumn[]) {
  return helper.columns(
    columns.map((c) =>
      helper.accessor((r) => r.cells[c.key] ?? null, {
        id: c.key,
        header: c.label,
        size: widthOf(c),
        enableSorting: c.sortable,
        sortDescFirst: false,
        cell: (ctx) => formatCell(ctx.getValue(), c.percent),
      }),
    ),
  );
}

/** Before the user chooses: vectors and secondary roles hidden (only `false` hides). */
export function defaultVisibility(columns: RowColumn[]): ColumnVisibilityState {
  return Object.fromEntries(columns.filter((c) => !c.defaultVisible).map((c) => [c.key, false]));
}
