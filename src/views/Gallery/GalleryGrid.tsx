import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { type GridRow, PAGE } from '../Rows/useRowPages';
import { useScaledVirtualizer } from '../Rows/useScaledVirtualizer';
import { GalleryCard } from './GalleryCard';
import type { CardColumns } from './galleryColumns';

const THUMB = 96;
const CARD_W = THUMB + 16 + 8;
const ROW_H = THUMB + 36;

interface Props {
  total: number;
  pages: Map<number, GridRow[]>;
  ensure: (first: number, last: number, have: Map<number, GridRow[]>) => void;
  image: string | null;
  cols: CardColumns;
  resetKey: string;
  label: string;
  onOpen: (row: GridRow) => void;
}

/**
 * Cards of the cohort in rows that fit the width; only the rows on screen are in the DOM (the
 * same scaled virtualizer as the rows table, so a million rows scroll to the end).
 */
export function GalleryGrid({ total, pages, ensure, image, cols, resetKey, label, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setWidth(e.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const perRow = Math.max(1, Math.floor(width / CARD_W));
  const lines = Math.ceil(total / perRow);
  const { items, height, top } = useScaledVirtualizer(lines, ROW_H, 0, scrollRef);
  const first = (items[0]?.index ?? 0) * perRow;
  const last = Math.min(total, ((items[items.length - 1]?.index ?? 0) + 1) * perRow) - 1;
  useEffect(() => {
    // Also before the count is known: the first page brings it.
    ensure(first, Math.max(first, last), pages);
  }, [ensure, first, last, pages]);
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);
  const rowAt = (i: number) => pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  return (
    <div ref={scrollRef} className="gallery-scroll" role="region" aria-label={label} tabIndex={0}>
      <div className="gallery-body" style={{ height }}>
        {items.map((item) => (
          <div
            key={item.key}
            className="gallery-line"
            role="list"
            style={{ transform: `translateY(${top(item.start)}px)`, height: ROW_H }}
          >
            {Array.from({ length: perRow }, (_, k) => item.index * perRow + k)
              .filter((pos) => pos < total)
              .map((pos, k) => (
                <div role="listitem" key={k} className="gallery-slot">
                  <GalleryCard
                    row={rowAt(pos)}
                    pos={pos}
                    image={image}
                    cols={cols}
                    size={THUMB}
                    x={k * CARD_W}
                    onOpen={onOpen}
                  />
                </div>
              ))}
          </div>
        ))}
      </div>
    </div>
  );
}
