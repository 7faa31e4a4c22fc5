import type { PixelShape } from '../types';

/** RGBA pixels ready for an ImageData: what the worker hands the canvas. */
export interface Rgba {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/**
 * Raw pixels (grey, RGB or RGBA, channels last) as RGBA. Floats in [0, 1] are scaled to 0–255
 * (0–255 floats are taken as they are); NaN is drawn black.
 */
export function pixelsToRgba(values: ArrayLike<number>, shape: PixelShape): Rgba {
  const { width, height, channels } = shape;
  const n = width * height;
  let max = 0;
  for (let i = 0; i < n * channels; i++) max = Math.max(max, values[i]!);
  const scale = values instanceof Uint8Array || max > 1 ? 1 : 255;
  const rgba = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    const s = p * channels;
    const r = values[s]! * scale;
    rgba[p * 4] = r;
    rgba[p * 4 + 1] = channels === 1 ? r : values[s + 1]! * scale;
    rgba[p * 4 + 2] = channels === 1 ? r : values[s + 2]! * scale;
    rgba[p * 4 + 3] = channels === 4 ? values[s + 3]! * scale : 255;
  }
  return { width, height, rgba };
}
