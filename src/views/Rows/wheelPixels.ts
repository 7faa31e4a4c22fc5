/** How far a wheel event asks to move, in pixels (lines and pages as browsers count them). */
export function wheelPixels(
  e: Pick<WheelEvent, 'deltaY' | 'deltaMode'>,
  line: number,
  page: number,
): number {
  if (e.deltaMode === 1) return e.deltaY * line;
  if (e.deltaMode === 2) return e.deltaY * page;
  return e.deltaY;
}
