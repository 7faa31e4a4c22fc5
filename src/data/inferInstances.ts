import type { ColumnInfo } from './types';
import { IMAGE_NAME, TEXT_NAME } from './names';
import { pixelShape } from './arrowBinary';

const IMAGE_URL = /^(data:image\/|https?:\/\/)/i;

/** A string column whose values are image URLs (`data:image/…` always; http(s) when so named). */
function imageUrls(c: ColumnInfo): boolean {
  const samples = c.sample.filter((s) => s !== '');
  if (samples.length === 0) return false;
  if (samples.every((s) => /^data:image\//i.test(s))) return true;
  return IMAGE_NAME.test(c.name) && samples.every((s) => IMAGE_URL.test(s));
}

/**
 * Which columns show a row as people see it. Binary columns are images (nothing else reads
 * them); a float vector is one only when its name says so and its length is a square (or 3×/4×
 * one), since an embedding can have 784 values too.
 */
export function inferInstances(infos: ColumnInfo[]): { images: string[]; texts: string[] } {
  const images: string[] = [];
  const texts: string[] = [];
  for (const c of infos) {
    if (c.kind === 'binary') images.push(c.name);
    else if (c.kind === 'vector' && IMAGE_NAME.test(c.name) && pixelShape(c.dim ?? 0))
      images.push(c.name);
    else if (c.kind === 'string' && imageUrls(c)) images.push(c.name);
    else if (c.kind === 'string' && TEXT_NAME.test(c.name)) texts.push(c.name);
  }
  return { images, texts };
}
