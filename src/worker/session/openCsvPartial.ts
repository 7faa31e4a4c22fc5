// A single large CSV/TSV file opened on the columns the first view needs, the rest parsed in the
// background (csvPartial.ts).
import { readCsvPartially } from '../../data/partial/csvPartial';
import { readArriving } from '../../data/readArriving';
import type { ReadBudget, Source } from '../../data/readSource';
import { textKind } from '../../data/sniff';
import type { OpenResult } from '../../protocol';
import { CANCELLED, type OpenCall, reasonOf } from './openCall';
import { openWith } from './openPartial';
import { timedAsync } from './timing';
import { csvHelper } from './csvHelper';

/**
 * Null when it is not one (a gzip file is read whole); otherwise read once, and parsed whole
 * when it cannot open this way (the usual messages).
 */
export async function openCsvPartial(
  source: Source & { kind: 'file' },
  budget: ReadBudget,
  c: OpenCall,
): Promise<OpenResult | null> {
  const { onProgress, signal } = c;
  const { file } = source;
  const fileName = file.name;
  if (file.size < Math.max(c.minBytes, 1)) return null;
  try {
    // What decodeFile decides from: textKind reads the first KiB.
    if (textKind(new Uint8Array(await file.slice(0, 1024).arrayBuffer())) !== 'csv') return null;
  } catch {
    return null;
  }
  const decoding = (bytesRead: number, totalBytes: number) =>
    onProgress({ fileName, phase: 'decoding', bytesRead, totalBytes });
  // Scanned while it is read (readArriving.ts): the parse follows the slices as they land.
  let p: Awaited<ReturnType<typeof readCsvPartially>>;
  let src: ReturnType<typeof readArriving>;
  const failed = (err: unknown): OpenResult =>
    signal.aborted ? CANCELLED : { summary: null, errors: [{ fileName, reason: reasonOf(err) }] };
  try {
    src = readArriving(file, onProgress, budget, signal);
    p = await timedAsync('open:parse', () =>
      readCsvPartially(src, fileName, decoding, csvHelper(file)),
    );
  } catch (err) {
    return failed(err);
  }
  // The whole file only when it is parsed whole: with a helper, the second half is read after
  // the first view (its deferred columns wait for it; a failed read fails them).
  const whole = async () => {
    let bytes: Uint8Array;
    try {
      bytes = await src.done;
    } catch (err) {
      return failed(err);
    }
    return c.openFiles([{ name: fileName, bytes }]);
  };
  if (signal.aborted) return CANCELLED;
  if (!p) return whole();
  const r = openWith(p.table, p, p.later, p.source, c.token, c.onColumns);
  if (r.kind !== 'opened') return whole();
  if (signal.aborted) return CANCELLED;
  return c.start(r, file);
}
