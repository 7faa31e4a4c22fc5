import { readImageHeader } from '../../../data/images/imageHeader';
import { MAX_IMAGE_BYTES } from '../../../data/images/imageUrl';
import type { Rgba } from '../../../data/images/pixels';

/** Decoding needs width × height × 4 bytes at full size: 16 MP is 64 MB, once per cell. */
export const MAX_PIXELS = 16_000_000;
/** A cell that takes longer shows a placeholder instead of holding up the others. */
const DECODE_MS = 3000;

export type Decoded = Rgba | { placeholder: string };

function timeout(ms: number): Promise<{ placeholder: string }> {
  return new Promise((resolve) =>
    setTimeout(() => resolve({ placeholder: `decoding took over ${ms / 1000} s` }), ms),
  );
}

/**
 * PNG / JPEG / WebP / GIF bytes as RGBA at most `size` pixels on the long side. The header is
 * read first: too many pixels, an unknown format or SVG never reach the browser's decoder.
 */
export async function decodeImage(bytes: Uint8Array, size: number): Promise<Decoded> {
  if (bytes.length > MAX_IMAGE_BYTES)
    return { placeholder: `the image is ${(bytes.length / 2 ** 20).toFixed(0)} MB` };
  const head = readImageHeader(bytes);
  if ('error' in head) return { placeholder: head.error };
  const { width, height, format } = head;
  if (width === 0 || height === 0) return { placeholder: `the ${format} header says 0 pixels` };
  if (width * height > MAX_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(0);
    return { placeholder: `${width}×${height} ${format} (${mp} MP) is too large to show` };
  }
  const scale = Math.min(1, size / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const work = (async (): Promise<Decoded> => {
    try {
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      const bitmap = await createImageBitmap(blob, {
        resizeWidth: w,
        resizeHeight: h,
        resizeQuality: 'medium',
      });
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      return { width: w, height: h, rgba: ctx.getImageData(0, 0, w, h).data };
    } catch (err) {
      return { placeholder: `the ${format} data is corrupt (${(err as Error).message})` };
    }
  })();
  return Promise.race([work, timeout(DECODE_MS)]);
}
