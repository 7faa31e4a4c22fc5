import type { ZoomTransform } from 'd3';
import { type Fit, toScreen } from './scatterTransform';

/** What the light layer shows over the points; redrawn on every hover without touching WebGL. */
export interface OverlayMarks {
  hover: number;
  picked: number | null;
  neighbours: number[];
  /** The selection polygon in data coordinates (follows pan and zoom). */
  polygon: number[] | null;
  /** A lasso or box being drawn, in CSS pixels. */
  drawing: number[] | null;
  dark: boolean;
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, width: number) {
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.stroke();
}

function path(ctx: CanvasRenderingContext2D, pts: number[]) {
  ctx.beginPath();
  for (let i = 0; i < pts.length; i += 2) {
    if (i === 0) ctx.moveTo(pts[0]!, pts[1]!);
    else ctx.lineTo(pts[i]!, pts[i + 1]!);
  }
  ctx.closePath();
}

export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  coords: Float32Array,
  f: Fit,
  t: ZoomTransform,
  m: OverlayMarks,
): void {
  const { width, height } = ctx.canvas;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(window.devicePixelRatio || 1, 0, 0, window.devicePixelRatio || 1, 0, 0);
  const fg = m.dark ? '#ffffff' : '#111111';
  const at = (i: number) => toScreen(f, t, coords[2 * i]!, coords[2 * i + 1]!);
  const sel = m.polygon
    ? m.polygon.flatMap((v, i) => (i % 2 === 0 ? toScreen(f, t, v, m.polygon![i + 1]!) : []))
    : null;
  for (const [pts, dash] of [
    [sel, [6, 4]],
    [m.drawing, [2, 3]],
  ] as const) {
    if (!pts) continue;
    path(ctx, pts);
    ctx.setLineDash(dash);
    ctx.strokeStyle = fg;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.fillStyle = m.dark ? 'rgba(255,255,255,0.06)' : 'rgba(28,126,214,0.06)';
    ctx.fill();
    ctx.setLineDash([]);
  }
  ctx.strokeStyle = '#f08c00';
  for (const i of m.neighbours) {
    const [x, y] = at(i);
    ring(ctx, x, y, 5, 1.5);
  }
  if (m.picked !== null && coords[2 * m.picked] === coords[2 * m.picked]) {
    const [x, y] = at(m.picked);
    ctx.strokeStyle = fg;
    ring(ctx, x, y, 8, 2.5);
  }
  if (m.hover >= 0) {
    const [x, y] = at(m.hover);
    ctx.strokeStyle = fg;
    ring(ctx, x, y, 6, 1.5);
  }
}
