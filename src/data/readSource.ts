/** Where bytes come from: a picked/dropped File, or a URL (?data=…). */
export type Source = { kind: 'file'; file: File } | { kind: 'url'; url: string };

export type Phase = 'reading' | 'decoding' | 'joining' | 'analysing';

export interface Progress {
  fileName: string;
  phase: Phase;
  bytesRead: number;
  totalBytes: number | null;
}

export function sourceName(s: Source): string {
  if (s.kind === 'file') return s.file.name;
  try {
    const path = new URL(s.url, 'http://x/').pathname;
    return decodeURIComponent(path.split('/').pop() || s.url);
  } catch {
    return s.url;
  }
}

/**
 * How much a tab may read. One file becomes one ArrayBuffer, and Chrome caps an ArrayBuffer near
 * 2 GiB; decoding and the columns need memory beside it, and a tab's JS heap is about 4 GB. So:
 * at most 1.5 GiB for one file and 3 GiB for the files opened together. Checked before reading
 * (File.size, Content-Length) and, when the size is not declared, while reading.
 */
export const MAX_FILE_BYTES = 1.5 * 2 ** 30;
export const MAX_SET_BYTES = 3 * 2 ** 30;

/** What is left for the files of one open; each read charges it. */
export class ReadBudget {
  left: number;
  constructor(
    readonly total = MAX_SET_BYTES,
    readonly perFile = MAX_FILE_BYTES,
  ) {
    this.left = total;
  }
}

const gib = (n: number) => `${(n / 2 ** 30).toFixed(n < 2 ** 30 ? 2 : 1)} GiB`;

/**
 * The reason a source of `size` bytes is refused, or null when it fits. `streaming`: the size was
 * not declared, and reading stopped once it passed the limit.
 */
export function sizeRefusal(size: number, budget: ReadBudget, streaming = false): string | null {
  const limit = Math.min(budget.perFile, budget.left);
  if (size <= limit) return null;
  const is = streaming ? `is larger than ${gib(limit)} (reading stopped there)` : `is ${gib(size)}`;
  if (limit === budget.perFile) {
    return (
      `the file ${is}, more than the ${gib(budget.perFile)} one file may have here: ` +
      'a browser tab reads a file into one ArrayBuffer (Chrome caps those near 2 GiB) and needs ' +
      'as much again to decode it. Split it into smaller files (by rows) or sample it.'
    );
  }
  return (
    `the file ${is}; with the files before it, that is more than the ${gib(budget.total)} a ` +
    'tab can hold for one set of files (its memory is finite). Open fewer files at once.'
  );
}

/** Refuses a set of files whose declared sizes already add up to more than the tab can hold. */
export function setRefusal(sources: Source[], budget = new ReadBudget()): string | null {
  let total = 0;
  for (const s of sources) if (s.kind === 'file') total += s.file.size;
  if (total <= budget.left) return null;
  return (
    `these files add up to ${gib(total)}, more than the ${gib(budget.left)} a browser tab can ` +
    'hold for one set of files (its memory is finite). Open fewer files at once.'
  );
}

async function readStream(
  stream: ReadableStream<Uint8Array>,
  total: number | null,
  report: (read: number) => void,
  budget: ReadBudget,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  let buf = new Uint8Array(total ?? 1 << 20);
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const refused = sizeRefusal(read + value.length, budget, true);
    if (refused) {
      await reader.cancel();
      throw new Error(refused);
    }
    if (read + value.length > buf.length) {
      const bigger = new Uint8Array(Math.max(buf.length * 2, read + value.length));
      bigger.set(buf.subarray(0, read));
      buf = bigger;
    }
    buf.set(value, read);
    read += value.length;
    report(read);
  }
  return read === buf.length ? buf : buf.slice(0, read);
}

/**
 * A File is read in large slices straight into one buffer, several slices in flight at once.
 * File.stream() hands out 64 KiB chunks, each an await and a copy (~10,000 for a 672 MiB file);
 * one slice at a time leaves the browser's file reader idle between slices. Measured here on a
 * 1.07 GiB file: 4 in flight ≈ File.arrayBuffer() (which reports no progress), one at a time
 * ≈ 1.6× slower.
 */
export const FILE_SLICE_BYTES = 32 * 2 ** 20;
const SLICES_IN_FLIGHT = 4;

async function readFileSlices(file: File, report: (read: number) => void): Promise<Uint8Array> {
  const total = file.size;
  const buf = new Uint8Array(total);
  let next = 0;
  let done = 0;
  const reader = async () => {
    while (next < total) {
      const at = next;
      const want = Math.min(FILE_SLICE_BYTES, total - at);
      next += want;
      const piece = new Uint8Array(await file.slice(at, at + want).arrayBuffer());
      // A file that changed size on disk since it was picked: fail plainly, do not misparse.
      if (piece.length !== want)
        throw new Error(`${file.name} changed while it was being read; open it again`);
      buf.set(piece, at);
      done += want;
      report(done);
    }
  };
  await Promise.all(Array.from({ length: SLICES_IN_FLIGHT }, reader));
  return buf;
}

/** Reads all bytes of a source, reporting progress as they arrive; refuses what is too large. */
export async function readSource(
  s: Source,
  onProgress: (p: Progress) => void,
  budget = new ReadBudget(),
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const bytes = await readWithin(s, onProgress, budget, signal);
  budget.left -= bytes.length;
  return bytes;
}

async function readWithin(
  s: Source,
  onProgress: (p: Progress) => void,
  budget: ReadBudget,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const fileName = sourceName(s);
  let last = 0;
  const tick = (bytesRead: number, totalBytes: number | null) => {
    // A later open or Cancel took over: stop reading at the next piece.
    signal?.throwIfAborted();
    const now = Date.now();
    if (now - last < 50) return;
    last = now;
    onProgress({ fileName, phase: 'reading', bytesRead, totalBytes });
  };
  if (s.kind === 'file') {
    const total = s.file.size;
    const refused = sizeRefusal(total, budget);
    if (refused) throw new Error(refused);
    return readFileSlices(s.file, (r) => tick(r, total));
  }
  let res: Response;
  try {
    res = await fetch(s.url, { signal });
  } catch (err) {
    throw new Error(
      `could not fetch ${s.url} (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (!res.ok) throw new Error(`fetching ${s.url} failed: HTTP ${res.status} ${res.statusText}`);
  const len = Number(res.headers.get('content-length'));
  const total =
    Number.isFinite(len) && len > 0 && !res.headers.get('content-encoding') ? len : null;
  const refused = total === null ? null : sizeRefusal(total, budget);
  if (refused) {
    await res.body?.cancel();
    throw new Error(refused);
  }
  if (!res.body) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    const over = sizeRefusal(bytes.length, budget);
    if (over) throw new Error(over);
    return bytes;
  }
  return readStream(res.body, total, (r) => tick(r, total), budget);
}
