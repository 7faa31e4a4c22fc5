// An uncompressed Arrow file opened from its footer (readPartial.ts): the columns the first view
// needs now, the rest in the background.
import { readArrowPartially } from '../../data/partial/readPartial';
import { readRanges } from '../../data/partial/ranges';
import type { OpenResult } from '../../protocol';
import { CANCELLED, type OpenCall } from './openCall';
import { openPartial } from './openPartial';

/** Null when the file is better read whole (then `Session.open` reads it). */
export async function openArrowPartial(file: File, c: OpenCall): Promise<OpenResult | null> {
  const { onProgress, signal } = c;
  const fileName = file.name;
  let last = 0;
  const reading = (bytesRead: number, totalBytes: number) => {
    const now = Date.now();
    if (now - last < 50) return;
    last = now;
    onProgress({ fileName, phase: 'reading', bytesRead, totalBytes });
  };
  let partial;
  try {
    partial = await readArrowPartially(file, reading, signal, c.minBytes);
  } catch {
    if (signal.aborted) return CANCELLED;
    return null; // the whole read reports what went wrong
  }
  if (!partial) return null;
  onProgress({
    fileName,
    phase: 'decoding',
    bytesRead: partial.eagerBytes,
    totalBytes: partial.eagerBytes,
  });
  const r = openPartial(partial, fileName, file.size, c.token, c.onColumns);
  if (r.kind === 'failed') return { summary: null, errors: [{ fileName, reason: r.reason }] };
  if (r.kind === 'whole') {
    try {
      const ranges = [...partial.deferred.values()].flat();
      await readRanges(file, partial.bytes, ranges, undefined, signal);
    } catch {
      if (signal.aborted) return CANCELLED;
      return null;
    }
    return c.openBytes([{ name: fileName, bytes: partial.bytes }]);
  }
  if (signal.aborted) return CANCELLED;
  return c.start(r, file);
}
