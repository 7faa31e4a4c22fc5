// Plan A of bench/RESULTS.md §1: an uncompressed Arrow *file* is read from its footer. The
// footer says where every message is; the schema, the dictionaries and each record batch's
// metadata are read first, arrow-js parses them into a Table whose arrays are views into one
// buffer of the file's size (pages not yet read are zeros and cost no memory), and only the
// buffers of the columns the first view needs are read before the dataset opens. The other
// columns' bytes are read into the same buffer later (`readRanges`); the same Table then sees them.
import type { Table } from 'apache-arrow';
import { Flatbuffer } from '../flatbuf';
import { readIpc } from '../readIpc';
import { deferredColumns } from './choose';
import { type Range, dataRanges, mergeRanges, rangeBytes, readRanges } from './ranges';

/** Below this a file is read whole: the saving is smaller than the extra reads. */
export const MIN_PARTIAL_BYTES = 16 * 2 ** 20;
const TAIL_BYTES = 64 * 2 ** 10;

export interface PartialArrow {
  /** The file's size; bytes not read yet are zeros. */
  bytes: Uint8Array;
  table: Table;
  /** Field indices read now. */
  eager: number[];
  /** Field index → the byte ranges still to read for it. */
  deferred: Map<number, Range[]>;
  /** Bytes read before the dataset opens / left for later. */
  eagerBytes: number;
  deferredBytes: number;
}

interface Block {
  offset: number;
  meta: number;
  body: number;
}

/** Where the footer places the dictionary and record batch messages; null when it is unsound. */
function footerBlocks(fb: Flatbuffer): { dictionaries: Block[]; batches: Block[] } {
  const footer = fb.table(fb.deref(0));
  const blocks = (field: number): Block[] => {
    if (!footer.field(field)) return [];
    const { start, length } = fb.vector(footer.field(field), 24);
    return Array.from({ length }, (_, i) => ({
      offset: Number(fb.i64(start + 24 * i)),
      meta: fb.i32(start + 24 * i + 8),
      body: Number(fb.i64(start + 24 * i + 16)),
    }));
  };
  return { dictionaries: blocks(2), batches: blocks(3) };
}

/** Whether the message at `at` (metadata read) is a batch with compressed buffers. */
function compressed(bytes: Uint8Array, b: Block): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset + b.offset, b.meta);
  let at = 0;
  if (view.getInt32(0, true) === -1) at = 4;
  const len = view.getInt32(at, true);
  const fb = new Flatbuffer(bytes.subarray(b.offset + at + 4, b.offset + at + 4 + len));
  const m = fb.table(fb.deref(0));
  if (!m.field(2)) return false;
  const type = m.field(1) ? fb.u8(m.field(1)) : 0;
  let header = fb.table(fb.deref(m.field(2)));
  if (type === 2) {
    if (!header.field(1)) return false;
    header = fb.table(fb.deref(header.field(1)));
  }
  return header.field(3) !== 0;
}

/**
 * Reads the metadata and the first view's columns of an Arrow file; null when the file should
 * be read whole (a stream, compressed, small, unusual, damaged: the full reader then gives the
 * usual message). Throws only when reading fails or `signal` aborts.
 */
export async function readArrowPartially(
  file: Blob,
  onRead: (read: number, total: number) => void = () => {},
  signal?: AbortSignal,
  minBytes = MIN_PARTIAL_BYTES,
): Promise<PartialArrow | null> {
  const size = file.size;
  if (size < Math.max(minBytes, 32)) return null;
  const bytes = new Uint8Array(size);
  const tailStart = Math.max(0, size - TAIL_BYTES);
  await readRanges(
    file,
    bytes,
    mergeRanges([
      [0, 8],
      [tailStart, size],
    ]),
    undefined,
    signal,
  );
  const text = (a: number, b: number) => new TextDecoder().decode(bytes.subarray(a, b));
  if (text(0, 6) !== 'ARROW1' || text(size - 6, size) !== 'ARROW1') return null;
  const footerLength = new DataView(bytes.buffer).getInt32(size - 10, true);
  const footerStart = size - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) return null;
  if (footerStart < tailStart)
    await readRanges(file, bytes, [[footerStart, tailStart]], undefined, signal);

  let blocks: { dictionaries: Block[]; batches: Block[] };
  try {
    blocks = footerBlocks(new Flatbuffer(bytes.subarray(footerStart, size - 10)));
  } catch {
    return null;
  }
  const all = [...blocks.dictionaries, ...blocks.batches];
  const sound = (b: Block) =>
    b.offset >= 8 && b.meta >= 8 && b.body >= 0 && b.offset + b.meta + b.body <= footerStart;
  if (blocks.batches.length === 0 || !all.every(sound)) return null;
  const first = Math.min(...all.map((b) => b.offset));
  const metadata: Range[] = [
    [0, first],
    ...blocks.dictionaries.map((b): Range => [b.offset, b.offset + b.meta + b.body]),
    ...blocks.batches.map((b): Range => [b.offset, b.offset + b.meta]),
  ];
  await readRanges(file, bytes, mergeRanges(metadata), undefined, signal);
  let table: Table;
  try {
    if (all.some((b) => compressed(bytes, b))) return null;
    table = readIpc(bytes);
  } catch {
    return null;
  }

  const later = new Set(deferredColumns(table.schema.fields, table.schema.metadata));
  if (later.size === 0) return null;
  const perColumn = new Map<number, Range[]>();
  for (let i = 0; i < table.schema.fields.length; i++) {
    const ranges: Range[] = [];
    for (const batch of table.batches) {
      const data = batch.data.children[i];
      if (data && !dataRanges(data, bytes.buffer, ranges)) return null;
    }
    perColumn.set(i, mergeRanges(ranges, 0));
  }
  const eager = [...perColumn.keys()].filter((i) => !later.has(i));
  const now = mergeRanges(eager.flatMap((i) => perColumn.get(i)!));
  const eagerBytes = rangeBytes(now);
  let read = 0;
  await readRanges(file, bytes, now, (n) => onRead((read += n), eagerBytes), signal);
  const deferred = new Map([...later].map((i) => [i, perColumn.get(i)!]));
  return {
    bytes,
    table,
    eager,
    deferred,
    eagerBytes,
    deferredBytes: rangeBytes([...deferred.values()].flat()),
  };
}
