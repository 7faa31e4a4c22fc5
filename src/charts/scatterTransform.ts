import type { ZoomTransform } from 'd3';
import type { Bounds } from '../shared/pointGrid';

/** Data → CSS pixels before zoom: one scale for both axes (shapes keep their aspect), y up. */
export interface Fit {
  s: number;
  bx: number;
  by: number;
}

export function fitBounds(b: Bounds, w: number, h: number, pad = 24): Fit {
  const dx = b.maxX - b.minX || 1;
  const dy = b.maxY - b.minY || 1;
  const s = Math.max(1e-12, Math.min((w - 2 * pad) / dx, (h - 2 * pad) / dy));
  return { s, bx: w / 2 - s * ((b.minX + b.maxX) / 2), by: h / 2 + s * ((b.minY + b.maxY) / 2) };
}

export function toScreen(f: Fit, t: ZoomTransform, x: number, y: number): [number, number] {
  return [t.k * (x * f.s + f.bx) + t.x, t.k * (-y * f.s + f.by) + t.y];
}

export function toData(f: Fit, t: ZoomTransform, sx: number, sy: number): [number, number] {
  return [((sx - t.x) / t.k - f.bx) / f.s, -((sy - t.y) / t.k - f.by) / f.s];
}

/** The same mapping in clip space, as the vertex shader's scale and offset uniforms. */
export function clipUniforms(f: Fit, t: ZoomTransform, w: number, h: number) {
  return {
    scale: [(2 * t.k * f.s) / w, (2 * t.k * f.s) / h] as [number, number],
    offset: [(2 * (t.k * f.bx + t.x)) / w - 1, 1 - (2 * (t.k * f.by + t.y)) / h] as [
      number,
      number,
    ],
  };
}
