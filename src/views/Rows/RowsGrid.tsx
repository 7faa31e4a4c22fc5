import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { RowColumn } from '../../protocol';
import { GridRowView } from './GridRowView';
import type { RowsTable } from './columns';
import { type GridRow, PAGE } from './useRowPages';
import { useScaledVirtualizer } from './useScaledVirtualizer';
import { RowsHeader } from './RowsHeader';

const ROW_H = 30;
const HEAD = 44;
/** Rows per block (see blockStart). */
const BLOCK = 64;

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
  // The sticky header is HEAD px plus its 1 px bottom border (rows.css .rows-head).
  const { items, height, top, scrollToRow } = useScaledVirtualizer(
    total,
    ROW_H,
    HEAD + 1,
    scrollRef,
  );
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
  // Rows come from the worker's pages directly (the table library holds no rows).
  const rowAt = (i: number): GridRow | undefined => pages.get(Math.floor(i / PAGE))?.[i % PAGE];
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
      const row = rowAt(active);
      if (row && (e.target as HTMLElement).dataset.pos !== undefined) {
        e.preventDefault();
        onOpen(row);
      }
    }
  };

  const visible = table.getVisibleLeafColumns();
  // The id column stays in view while scrolling sideways through many columns.
  const pinned = visible[0] && byKey.get(visible[0].id)?.role === 'id' ? visible[0].id : null;
  const template = visible.map((c) => `${c.getSize()}px`).join(' ');
  const columnsKey = visible.map((c) => c.id).join('\u0000');
  // One array per set of visible columns, so memoized rows see the same one while it holds.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const columnIds = useMemo(() => visible.map((c) => c.id), [columnsKey]);
  const width = visible.reduce((w, c) => w + c.getSize(), 0);
  const activeShown = items.some((i) => i.index === active);
  // Rows sit in a block that moves with the scroll; each row's offset inside it only changes
  // when the block is re-anchored (every BLOCK rows), so rows on screen keep their props.
  const blockStart = Math.floor(first / BLOCK) * BLOCK * ROW_H;
  const openRef = useRef(onOpen);
  useLayoutEffect(() => {
    openRef.current = onOpen;
  });
  const pick = useCallback((index: number, row: GridRow) => {
    setActive(index);
    openRef.current(row);
  }, []);
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
        <div className="rows-block" style={{ transform: `translateY(${top(blockStart)}px)` }}>
          {items.map((item) => (
            <GridRowView
              key={item.key}
              byKey={byKey}
              row={rowAt(item.index)}
              index={item.index}
              y={item.start - blockStart}
              height={ROW_H}
              template={template}
              width={width}
              columns={columnIds}
              pinned={pinned}
              active={item.index === active}
              onPick={pick}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
