import { type RefObject, useLayoutEffect, useRef } from 'react';
import {
  type Virtualizer,
  elementScroll,
  observeElementOffset,
  useVirtualizer,
} from '@tanstack/react-virtual';

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

/**
 * A row virtualizer over a scroll element that has a sticky header of `head` px above the rows.
 * With few rows it is the plain virtualizer; with many, offsets are scaled in both directions
 * (virtual = real × scale), chosen so the last real scroll position shows the last row.
 */
export function useScaledVirtualizer(
  count: number,
  rowHeight: number,
  head: number,
  scrollRef: RefObject<HTMLDivElement | null>,
): ScaledVirtualizer {
  // The scroll listeners are installed once, so they read the current scale from here.
  const scaleRef = useRef(1);
  // This app is not built with React Compiler; the virtualizer is read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    useFlushSync: false,
    scrollPaddingStart: head,
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, scrolling) =>
        cb(offset * scaleRef.current, scrolling),
      ),
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
  const offset = virtualizer.scrollOffset ?? 0;
  const top =
    scale === 1 ? (start: number) => start : (start: number) => offset / scale + start - offset;
  const scrollToRow = (i: number) => {
    if (!el) return;
    const rowTop = i * rowHeight;
    const current = el.scrollTop * scale;
    let target = current;
    if (rowTop < current) target = rowTop;
    else if (rowTop + rowHeight > current + view) target = rowTop + rowHeight - view;
    if (target !== current) el.scrollTop = target / scale;
  };
  return { virtualizer, height, top, scrollToRow };
}
