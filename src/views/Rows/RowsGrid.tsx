import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { cellTitle, isNumeric } from '../../ui/formatCell';
import type { Cell, RowColumn } from '../../worker/rowsProtocol';
import type { RowsTable } from './columns';
import type { GridRow } from './useRowPages';
import { useScaledVirtualizer } from './useScaledVirtualizer';
import { RowsHeader } from './RowsHeader';

const ROW_H = 30;
const HEAD = 44;

interface Props {
  table: RowsTable;
  byKey: Map<string, RowColumn>;
  total: number;
  pages: Map<number, GridRow[]>;
  ensure: (first: number, last: number, have: Map<number, GridRow[]>) => void;
  /** Changes when the cohort, sort or columns do: back to the top. */
  resetKey: string;
  label: string;
  onOpen: (row: GridRow) => void;
}

/**
 * The rows as an ARIA grid (aria-rowcount = every row, though only a screenful is in the DOM).
 * Arrow keys, Page Up/Down, Home/End move between rows; Enter opens the row's detail.
 */
export function RowsGrid({ table, byKey, total, pages, ensure, resetKey, label, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { virtualizer, height, top, scrollToRow } = useScaledVirtualizer(
    total,
    ROW_H,
    HEAD,
    scrollRef,
  );
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    ensure(first, last, pages);
  }, [ensure, first, last, pages]);
  useEffect(() => {
    // Chromium's scrollTo returns a promise: never hand it to React as a cleanup.
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);

  const [active, setActive] = useState(0);
  const wantFocus = useRef(false);
  useEffect(() => {
    if (!wantFocus.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-pos="${active}"]`);
    if (el) {
      wantFocus.current = false;
      el.focus({ preventScroll: true });
    }
  });
  const move = (pos: number) => {
    const p = Math.max(0, Math.min(total - 1, pos));
    setActive(p);
    scrollToRow(p);
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-pos="${p}"]`);
    // A row already on screen takes focus now; one scrolled to takes it once rendered.
    if (el) el.focus({ preventScroll: true });
    else wantFocus.current = true;
  };
  const rowsById = table.getRowModel().rowsById;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const screen = Math.max(1, items.length - 4);
    const to: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + screen,
      PageUp: active - screen,
      Home: 0,
      End: total - 1,
    };
    if (e.key in to && total > 0) {
      e.preventDefault();
      move(to[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const row = rowsById[String(active)];
      if (row && (e.target as HTMLElement).dataset.pos !== undefined) {
        e.preventDefault();
        onOpen(row.original);
      }
    }
  };

  const visible = table.getVisibleLeafColumns();
  // The id column stays in view while scrolling sideways through many columns.
  const pinned = visible[0] && byKey.get(visible[0].id)?.role === 'id' ? visible[0].id : null;
  const pin = (id: string) => (id === pinned ? ' pinned' : '');
  const template = visible.map((c) => `${c.getSize()}px`).join(' ');
  const width = visible.reduce((w, c) => w + c.getSize(), 0);
  const activeShown = items.some((i) => i.index === active);
  return (
    <div
      ref={scrollRef}
      className="rows-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-colcount={visible.length}
      tabIndex={activeShown ? -1 : 0}
      onKeyDown={onKeyDown}
      onFocus={(e) => e.target === e.currentTarget && total > 0 && move(first)}
    >
      <RowsHeader
        table={table}
        byKey={byKey}
        template={template}
        width={width}
        height={HEAD}
        pinned={pinned}
      />
      <div role="rowgroup" className="rows-body" style={{ height, width }}>
        {items.map((item) => {
          const row = rowsById[String(item.index)];
          const common = {
            role: 'row',
            'aria-rowindex': item.index + 2,
            'data-pos': item.index,
            tabIndex: item.index === active ? 0 : -1,
            style: {
              transform: `translateY(${top(item.start)}px)`,
              gridTemplateColumns: template,
              height: ROW_H,
              width,
            },
          };
          if (!row) {
            return (
              <div key={item.key} {...common} className="rows-tr loading" aria-busy="true">
                <div role="gridcell" aria-colspan={visible.length} className="rows-td placeholder">
                  Loading row {item.index + 1}…
                </div>
              </div>
            );
          }
          return (
            <div
              key={item.key}
              {...common}
              className="rows-tr"
              onClick={() => {
                setActive(item.index);
                onOpen(row.original);
              }}
            >
              {row.getVisibleCells().map((cell) => {
                const value = cell.getValue() as Cell;
                const info = byKey.get(cell.column.id);
                const percent = info?.percent ?? false;
                // Numbers (and a numeric column's missing values) line up on the right.
                const right =
                  isNumeric(value, percent) ||
                  (value === null && info?.kind === 'numeric' && info.role !== 'id');
                return (
                  <div
                    key={cell.id}
                    role="gridcell"
                    className={`rows-td${pin(cell.column.id)}${right ? ' num' : ''}${value === null ? ' missing' : ''}`}
                    title={cellTitle(value)}
                  >
                    <table.FlexRender cell={cell} />
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
