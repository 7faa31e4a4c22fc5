import { type KeyboardEvent, type PointerEvent, useRef } from 'react';

export const MIN_WIDTH = 320;
const STEP = 24;

/** The widest the panel may be: the view beside it keeps at least 360 px. */
export function maxWidth(): number {
  return Math.max(MIN_WIDTH, Math.min(1400, window.innerWidth - 360));
}

export const clampWidth = (w: number) => Math.round(Math.min(maxWidth(), Math.max(MIN_WIDTH, w)));

/**
 * The panel's left edge as a separator: drag it with the pointer, or focus it and press the
 * arrow keys (left widens, right narrows; Home and End jump to the narrowest and widest).
 */
export function ResizeHandle({ width, onWidth }: { width: number; onWidth: (w: number) => void }) {
  const drag = useRef<{ x: number; w: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, w: width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    // The panel sits on the right: moving the edge left makes it wider.
    if (drag.current) onWidth(clampWidth(drag.current.w + drag.current.x - e.clientX));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next =
      e.key === 'ArrowLeft'
        ? width + STEP
        : e.key === 'ArrowRight'
          ? width - STEP
          : e.key === 'Home'
            ? MIN_WIDTH
            : e.key === 'End'
              ? maxWidth()
              : null;
    if (next === null) return;
    e.preventDefault();
    onWidth(clampWidth(next));
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the row detail"
      aria-valuenow={width}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={maxWidth()}
      tabIndex={0}
      className="drawer-resize"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
