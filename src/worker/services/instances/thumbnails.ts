import type { Column } from '../../../data/types';
import { type ImageRef, imageRef } from '../../../data/images/imageUrl';
import { pixelShape } from '../../../data/arrowBinary';
import { pixelsToRgba } from '../../../data/images/pixels';
import type { OpenDataset } from '../../session/dataset';
import { decodeImage } from './decode';
import { fetchImage } from './remote';
import type { Thumbnail, ThumbnailsRequest } from '../../../protocol';

/** A request names at most a screenful or two of cells. */
const MAX_ROWS = 400;

async function fromRef(ref: ImageRef, row: number, size: number, origins: string[]) {
  if (ref.kind === 'refused') return { row, placeholder: ref.reason };
  if (ref.kind === 'bytes') return { row, ...(await decodeImage(ref.bytes, size)) };
  if (!origins.includes(ref.origin)) {
    return { row, placeholder: `from ${ref.origin}: not loaded until allowed`, origin: ref.origin };
  }
  const got = await fetchImage(ref.url);
  return typeof got === 'string'
    ? { row, placeholder: got }
    : { row, ...(await decodeImage(got, size)) };
}

/** Row `row` of an image column, drawn or explained. */
async function thumbnail(
  col: Column,
  row: number,
  size: number,
  origins: string[],
): Promise<Thumbnail> {
  switch (col.kind) {
    case 'binary': {
      const bytes = col.bytes.subarray(col.starts[row]!, col.starts[row + 1]!);
      if (bytes.length === 0) return { row, placeholder: 'no image' };
      if (col.pixels) return { row, ...pixelsToRgba(bytes, col.pixels) };
      return { row, ...(await decodeImage(bytes, size)) };
    }
    case 'vector': {
      const shape = pixelShape(col.dim);
      if (!shape) return { row, placeholder: `${col.dim} values are not a square image` };
      const values = col.values.subarray(row * col.dim, (row + 1) * col.dim);
      if (values[0] !== values[0]) return { row, placeholder: 'no image' };
      return { row, ...pixelsToRgba(values, shape) };
    }
    case 'string': {
      const code = col.codes[row]!;
      if (code < 0) return { row, placeholder: 'no image' };
      return fromRef(imageRef(col.dictionary[code]!), row, size, origins);
    }
    default:
      return { row, placeholder: `"${col.name}" holds ${col.kind} values, not images` };
  }
}

/** Pixels of the rows asked for (cells on screen), each bounded in memory and time. */
export async function thumbnails(d: OpenDataset, req: ThumbnailsRequest): Promise<Thumbnail[]> {
  const col = d.byName.get(req.column);
  const size = Math.max(8, Math.min(1024, Math.round(req.size)));
  const rows = req.rows.slice(0, MAX_ROWS);
  if (!col) return rows.map((row) => ({ row, placeholder: `no column "${req.column}"` }));
  return Promise.all(
    rows.map((row) =>
      row >= 0 && row < d.n
        ? thumbnail(col, row, size, req.origins)
        : { row, placeholder: 'no such row' },
    ),
  );
}
