// Byte ranges of a file read straight into one buffer of the file's size, several pieces in
// flight (as readSource.ts reads a whole file): the Arrow reader's views into that buffer see
// the bytes as soon as they land, so a column read later needs no second parse.
import type { Data } from 'apache-arrow';

/** [start, end) in file bytes. */
export type Range = [number, number];

const PIECE_BYTES = 32 * 2 ** 20;
const IN_FLIGHT = 4;
/** Ranges closer than this are read as one: a small gap costs less than another read. */
const GAP_BYTES = 64 * 2 ** 10;

export const rangeBytes = (ranges: readonly Range[]): number =>
  ranges.reduce((s, [a, b]) => s + (b - a), 0);

/** Sorted, with overlapping and nearly touching ranges joined. */
export function mergeRanges(ranges: readonly Range[], gap = GAP_BYTES): Range[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1] + gap) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * The bytes of `buf` that the arrays of `data` (and its children) view, or null when one of
 * them is not a view into `buf` (arrow-js copied it: unaligned or decompressed), in which case
 * reading into `buf` later would not reach it.
 */
export function dataRanges(data: Data, buf: ArrayBufferLike, out: Range[] = []): Range[] | null {
  const arrays = [data.values, data.valueOffsets, data.nullBitmap, data.typeIds] as (
    ArrayBufferView | undefined
  )[];
  for (const a of arrays) {
    if (!a || a.byteLength === 0) continue;
    if (a.buffer !== buf) return null;
    out.push([a.byteOffset, a.byteOffset + a.byteLength]);
  }
  for (const child of data.children) if (!dataRanges(child, buf, out)) return null;
  return out;
}

/** A File (or Blob) changed on disk since it was picked: say so rather than misparse. */
export class FileChanged extends Error {}

/** Reads `ranges` of `file` into `buf` at the same offsets; `onRead(bytes)` after each piece. */
export async function readRanges(
  file: Blob,
  buf: Uint8Array,
  ranges: readonly Range[],
  onRead: (bytes: number) => void = () => {},
  signal?: AbortSignal,
): Promise<void> {
  const pieces: Range[] = [];
  for (const [a, b] of ranges)
    for (let at = a; at < b; at += PIECE_BYTES) pieces.push([at, Math.min(b, at + PIECE_BYTES)]);
  let next = 0;
  const reader = async () => {
    while (next < pieces.length) {
      const [a, b] = pieces[next++]!;
      signal?.throwIfAborted();
      const piece = new Uint8Array(await file.slice(a, b).arrayBuffer());
      if (piece.length !== b - a) throw new FileChanged('the file changed while it was being read');
      buf.set(piece, a);
      onRead(b - a);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, pieces.length) }, reader));
}

/** Pieces of the read-ahead reader: small, so the first row group's chunks land early. */
const AHEAD_PIECE_BYTES = 4 * 2 ** 20;

/**
 * Reads ranges of `file` into `buf` at the same offsets, each byte once whoever asks for it, in
 * the order asked, several pieces in flight. `read` resolves once its ranges have landed (pieces
 * asked for earlier may still be in flight), so a caller can ask for everything it will need at
 * once and wait for one part of it at a time: a Parquet open decodes a row group's chunks while
 * the next groups' are still being read (parquetPartial.ts).
 */
export function rangeReader(
  file: Blob,
  buf: Uint8Array,
  signal?: AbortSignal,
  pieceBytes = AHEAD_PIECE_BYTES,
): { read: (ranges: readonly Range[]) => Promise<void> } {
  /** Every piece asked for, sorted by start, with the promise of its landing. */
  const pieces: { at: Range; done: Promise<void> }[] = [];
  const queue: { at: Range; land: () => void; fail: (e: unknown) => void }[] = [];
  let running = 0;
  const pump = () => {
    while (running < IN_FLIGHT && queue.length) {
      const job = queue.shift()!;
      running++;
      void (async () => {
        try {
          signal?.throwIfAborted();
          const [a, b] = job.at;
          const piece = new Uint8Array(await file.slice(a, b).arrayBuffer());
          if (piece.length !== b - a)
            throw new FileChanged('the file changed while it was being read');
          buf.set(piece, a);
          job.land();
        } catch (err) {
          job.fail(err);
        } finally {
          running--;
          pump();
        }
      })();
    }
  };
  const read = (ranges: readonly Range[]): Promise<void> => {
    const waits: Promise<void>[] = [];
    const gaps: Range[] = [];
    for (const [a, b] of mergeRanges(ranges, 0)) {
      let at = a;
      // Pieces already asked for cover parts of [a, b); the gaps between them are asked for now.
      for (const p of pieces) {
        const [x, y] = p.at;
        if (y <= at || x >= b) continue;
        if (x > at) gaps.push([at, x]);
        waits.push(p.done);
        at = Math.max(at, y);
      }
      if (at < b) gaps.push([at, b]);
    }
    for (const [a, b] of gaps)
      for (let s = a; s < b; s += pieceBytes) waits.push(ask([s, Math.min(b, s + pieceBytes)]));
    return Promise.all(waits).then(() => {});
  };
  const ask = (at: Range): Promise<void> => {
    let land!: () => void;
    let fail!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => ((land = res), (fail = rej)));
    done.catch(() => {}); // rejected for whoever awaits it; a piece nobody awaits must not go unhandled
    queue.push({ at, land, fail });
    const i = pieces.findIndex((p) => p.at[0] > at[0]);
    pieces.splice(i < 0 ? pieces.length : i, 0, { at, done });
    pump();
    return done;
  };
  return { read };
}
