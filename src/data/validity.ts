import type { Data } from 'apache-arrow';

/** Returns a per-row validity test for one Arrow chunk; bitmaps are offset by `data.offset`. */
export function validityOf(data: Data): (i: number) => boolean {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || !bitmap || bitmap.length === 0) return () => true;
  const off = data.offset;
  return (i) => ((bitmap[(off + i) >> 3]! >> ((off + i) & 7)) & 1) === 1;
}
