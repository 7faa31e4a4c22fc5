import { type ZoomBehavior, select, zoomIdentity, zoomTransform } from 'd3';

const STEP = 60;

/**
 * Shift + arrow keys pan, + and − zoom, 0 resets: the map without a mouse (plain arrows move the
 * point cursor, scatterController). Returns the listener.
 */
export function zoomKeys(
  el: HTMLCanvasElement,
  zoomer: ZoomBehavior<HTMLCanvasElement, unknown>,
): (e: KeyboardEvent) => void {
  const pan: Record<string, [number, number]> = {
    ArrowLeft: [STEP, 0],
    ArrowRight: [-STEP, 0],
    ArrowUp: [0, STEP],
    ArrowDown: [0, -STEP],
  };
  return (e) => {
    const sel = select(el);
    const k = zoomTransform(el).k;
    const by = e.shiftKey ? pan[e.key] : undefined;
    // translateBy works in data-space units of the current scale: divide to move in pixels.
    if (by) sel.call(zoomer.translateBy, by[0] / k, by[1] / k);
    else if (e.key === '+' || e.key === '=') sel.call(zoomer.scaleBy, 1.5);
    else if (e.key === '-') sel.call(zoomer.scaleBy, 1 / 1.5);
    else if (e.key === '0') sel.call(zoomer.transform, zoomIdentity);
    else return;
    e.preventDefault();
  };
}
