import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { wheelPixels } from './wheelPixels';

/**
 * Browsers cap an element's height (Firefox near 17.9M px, Chrome near 33.5M px), so a million
 * 28 px rows cannot have their true height. Above this many pixels the spacer stays this tall and
 * scroll positions are mapped linearly onto the rows, so the last row is still reachable.
 */
const MAX_PX = 8_000_000;

/** Rows drawn around the screen, above and below it. */
const OVERSCAN = 8;

/** One row to draw: its index, its key, and its start in virtual pixels (index × row height). */
export interface VirtualRow {
  index: number;
  key: number;
  start: number;
}

export interface ScaledVirtualizer {
  /** The rows on screen and OVERSCAN either side. */
  items: VirtualRow[];
  /** Height of the spacer in real pixels. */
  height: number;
  /** Where a row starts inside the spacer, in real pixels. */
  top: (start: number) => number;
  /** Scrolls just enough to show row i below the header (the virtualizer's own scrollToIndex
   * clamps to the real scroll height, which is wrong once offsets are scaled). */
  scrollToRow: (i: number) => void;
}

/**
 * A row virtualizer over a scroll element that has a sticky header of `head` px above the rows.
 * Every row is `rowHeight` tall, so the rows on screen are found by arithmetic: nothing is kept
 * per row. (Issue 15: @tanstack/react-virtual keeps a position per row and rebuilds them whenever
 * the count changes; at 10M rows opening the Rows view spent ~100 ms quiet, 360 ms of CPU
 * loaded, on 10M entries, a long task, and their garbage came back while scrolling.)
 * With few rows the offsets are the scroll element's; with many, offsets are scaled in both
 * directions (virtual = real × scale), chosen so the last real scroll position shows the last row.
 *
 * Scaled, a wheel step would move `scale` times as far (about 300 rows at 10M): every step
 * replaced the whole screen, which a reader cannot follow and the page could not draw at
 * 50 fps. So the wheel and the keyboard move by true row pixels: the wanted virtual offset is
 * kept here (`wanted`), the real scrollTop follows it as closely as whole pixels allow, and
 * the rows drawn follow the wanted offset. Dragging the scrollbar still jumps anywhere.
 */
export function useScaledVirtualizer(
  count: number,
  rowHeight: number,
  head: number,
  scrollRef: RefObject<HTMLDivElement | null>,
): ScaledVirtualizer {
  // The scroll listener is installed once per element, so it reads the current scale from here.
  const scaleRef = useRef(1);
  const wanted = useRef<number | null>(null);
  // A real scrollTop near where `wanted` put it is our own move; anything else (the thumb,
  // the scrollbar's arrows) is the person's, and the wanted offset gives way to it.
  const virtualOffset = (real: number): number => {
    const v = wanted.current;
    if (v !== null && Math.abs(real - v / scaleRef.current) <= 1) return v;
    wanted.current = null;
    return real * scaleRef.current;
  };
  // Where the element is scrolled to (virtual px) and its size, from its scroll and resize
  // events (a ResizeObserver reports once when it starts, before the first paint).
  const [geometry, setGeometry] = useState({ offset: 0, outer: 0, client: 0 });
  const offsetOf = useRef(virtualOffset);
  useLayoutEffect(() => {
    offsetOf.current = virtualOffset;
  });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // A scroll reads only scrollTop (sizes read here would force a layout on every event).
    const onScroll = () => {
      const offset = offsetOf.current(el.scrollTop);
      // The scroll event of our own move (scrollVirtual) repeats what it set: no second render.
      setGeometry((g) => (g.offset === offset ? g : { ...g, offset }));
    };
    const onResize = () => {
      const next = {
        offset: offsetOf.current(el.scrollTop),
        outer: el.offsetHeight,
        client: el.clientHeight,
      };
      setGeometry((g) =>
        g.offset === next.offset && g.outer === next.outer && g.client === next.client ? g : next,
      );
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(onResize);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
    };
  }, [scrollRef]);
  const { offset, outer, client } = geometry;
  const virtualTotal = count * rowHeight;
  const height = Math.min(virtualTotal, MAX_PX);
  // The rows' viewport: the scroll element's client height (without a horizontal scrollbar)
  // below the header, so the largest real scrollTop maps onto the last row exactly.
  const view = Math.max(1, (client || 600) - head);
  const scale =
    virtualTotal > height && height > view ? (virtualTotal - view) / (height - view) : 1;
  useLayoutEffect(() => {
    scaleRef.current = scale;
  }, [scale]);
  const scrollVirtual = (target: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const v = Math.max(0, Math.min(virtualTotal - view, target));
    wanted.current = v;
    el.scrollTop = v / scale;
    // Whole pixels may leave scrollTop where it was (no scroll event): say it directly.
    setGeometry((g) => (g.offset === v ? g : { ...g, offset: v }));
  };
  const moveRef = useRef(scrollVirtual);
  useLayoutEffect(() => {
    moveRef.current = scrollVirtual;
  });
  useEffect(() => {
    const el = scrollRef.current;
    if (scale === 1 || !el) return;
    const onWheel = (e: WheelEvent) => {
      // Pinch-zoom and sideways scrolling stay the browser's.
      if (e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      const from = wanted.current ?? el.scrollTop * scale;
      moveRef.current(from + wheelPixels(e, rowHeight, view));
    };
    // Not passive: the browser's own (scaled) scroll must not happen as well.
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scrollRef, scale, rowHeight, view]);
  const items = visibleRows(count, rowHeight, offset, outer);
  const top =
    scale === 1 ? (start: number) => start : (start: number) => offset / scale + start - offset;
  const scrollToRow = (i: number) => {
    const el = scrollRef.current;
    if (!el) return;
    const rowTop = i * rowHeight;
    const current = wanted.current ?? el.scrollTop * scale;
    let target = current;
    if (rowTop < current) target = rowTop;
    else if (rowTop + rowHeight > current + view) target = rowTop + rowHeight - view;
    if (target === current) return;
    if (scale === 1) el.scrollTop = target;
    else scrollVirtual(target);
  };
  return { items, height, top, scrollToRow };
}

/**
 * The rows meeting [offset, offset + outer) in virtual pixels, with OVERSCAN either side: the
 * row holding `offset` first, the first row reaching `offset + outer` last.
 */
export function visibleRows(
  count: number,
  rowHeight: number,
  offset: number,
  outer: number,
): VirtualRow[] {
  if (count <= 0 || rowHeight <= 0) return [];
  const last = count - 1;
  const first = Math.min(last, Math.max(0, Math.floor(offset / rowHeight)));
  const end = Math.min(last, Math.max(first, Math.ceil((offset + outer) / rowHeight) - 1));
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(last, end + OVERSCAN);
  const out: VirtualRow[] = [];
  for (let i = from; i <= to; i++) out.push({ index: i, key: i, start: i * rowHeight });
  return out;
}
