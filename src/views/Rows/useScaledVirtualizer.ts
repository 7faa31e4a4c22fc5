import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import {
  type Virtualizer,
  elementScroll,
  observeElementOffset,
  useVirtualizer,
} from '@tanstack/react-virtual';
import { wheelPixels } from './wheelPixels';

/**
 * Browsers cap an element's height (Firefox near 17.9M px, Chrome near 33.5M px), so a million
 * 28 px rows cannot have their true height. Above this many pixels the spacer stays this tall and
 * scroll positions are mapped linearly onto the rows, so the last row is still reachable.
 */
const MAX_PX = 8_000_000;

export interface ScaledVirtualizer {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Height of the spacer in real pixels. */
  height: number;
  /** Where a row starts inside the spacer, in real pixels. */
  top: (start: number) => number;
  /** Scrolls just enough to show row i below the header (the virtualizer's own scrollToIndex
   * clamps to the real scroll height, which is wrong once offsets are scaled). */
  scrollToRow: (i: number) => void;
}

type OffsetCallback = (offset: number, scrolling: boolean) => void;

/**
 * A row virtualizer over a scroll element that has a sticky header of `head` px above the rows.
 * With few rows it is the plain virtualizer; with many, offsets are scaled in both directions
 * (virtual = real × scale), chosen so the last real scroll position shows the last row.
 *
 * Scaled, a wheel step would move `scale` times as far (about 300 rows at 10M): every step
 * replaced the whole screen, which a reader cannot follow and the page could not draw at
 * 50 fps. So the wheel and the keyboard move by true row pixels: the wanted virtual offset is
 * kept here (`wanted`), the real scrollTop follows it as closely as whole pixels allow, and
 * the virtualizer is told the wanted offset. Dragging the scrollbar still jumps anywhere.
 */
export function useScaledVirtualizer(
  count: number,
  rowHeight: number,
  head: number,
  scrollRef: RefObject<HTMLDivElement | null>,
): ScaledVirtualizer {
  // The scroll listeners are installed once, so they read the current scale from here.
  const scaleRef = useRef(1);
  const wanted = useRef<number | null>(null);
  const notify = useRef<OffsetCallback | null>(null);
  // A real scrollTop near where `wanted` put it is our own move; anything else (the thumb,
  // the scrollbar's arrows) is the person's, and the wanted offset gives way to it.
  const virtualOffset = (real: number): number => {
    const v = wanted.current;
    if (v !== null && Math.abs(real - v / scaleRef.current) <= 1) return v;
    wanted.current = null;
    return real * scaleRef.current;
  };
  // This app is not built with React Compiler; the virtualizer is read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    useFlushSync: false,
    scrollPaddingStart: head,
    observeElementOffset: (instance, cb) => {
      notify.current = cb;
      return observeElementOffset(instance, (offset, scrolling) =>
        cb(virtualOffset(offset), scrolling),
      );
    },
    scrollToFn: (offset, options, instance) =>
      elementScroll(offset / scaleRef.current, options, instance),
  });
  const virtualTotal = count * rowHeight;
  const height = Math.min(virtualTotal, MAX_PX);
  // The rows' viewport: the scroll element's client height (without a horizontal scrollbar)
  // below the header, so the largest real scrollTop maps onto the last row exactly.
  const el = virtualizer.scrollElement;
  const view = Math.max(1, (el?.clientHeight ?? 600) - head);
  const scale =
    virtualTotal > height && height > view ? (virtualTotal - view) / (height - view) : 1;
  useLayoutEffect(() => {
    scaleRef.current = scale;
  }, [scale]);
  const scrollVirtual = (target: number) => {
    if (!el) return;
    const v = Math.max(0, Math.min(virtualTotal - view, target));
    wanted.current = v;
    el.scrollTop = v / scale;
    // Whole pixels may leave scrollTop where it was (no scroll event): say it directly.
    notify.current?.(v, false);
  };
  const moveRef = useRef(scrollVirtual);
  useLayoutEffect(() => {
    moveRef.current = scrollVirtual;
  });
  useEffect(() => {
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
  }, [el, scale, rowHeight, view]);
  const offset = virtualizer.scrollOffset ?? 0;
  const top =
    scale === 1 ? (start: number) => start : (start: number) => offset / scale + start - offset;
  const scrollToRow = (i: number) => {
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
  return { virtualizer, height, top, scrollToRow };
}
