// Files opened whole (the usual path, and the fallback of every partial opener): decoded from
// Parquet/CSV/gzip if need be, parsed, joined and summarized. Session.openBytes makes the result
// current.
import { combineTables } from '../../data/combine';
import { type OpenFile, decodeFile } from '../../data/formats/decode';
import { loadTable } from '../../data/load';
import type { Progress } from '../../data/readSource';
import type { LoadedTable } from '../../data/types';
import type { FileError, OpenResult } from '../../protocol';
import { OpenDataset } from './dataset';
import { CANCELLED, reasonOf } from './openCall';
import { summarize } from './summary';
import { timed } from './timing';

/** Decodes Parquet, CSV and gzip files (Arrow passes through); failures go to `errors`. */
export async function decodeAll(
  files: OpenFile[],
  errors: FileError[],
  onProgress?: (p: Progress) => void,
): Promise<OpenFile[]> {
  const decoded: OpenFile[] = [];
  for (const f of files) {
    const report = (done: number, total: number) =>
      onProgress?.({ fileName: f.name, phase: 'decoding', bytesRead: done, totalBytes: total });
    try {
      decoded.push(await decodeFile(f.name, f.bytes, report));
    } catch (err) {
      errors.push({ fileName: f.name, reason: reasonOf(err) });
    }
  }
  return decoded;
}

/** The open's answer, and the dataset to make current when there is one. */
export function openWhole(
  files: OpenFile[],
  errors: FileError[],
  onProgress?: (p: Progress) => void,
  signal?: AbortSignal,
): { result: OpenResult; dataset?: OpenDataset } {
  const tables: LoadedTable[] = [];
  for (const f of files) {
    if (signal?.aborted) return { result: CANCELLED };
    onProgress?.({
      fileName: f.name,
      phase: 'decoding',
      bytesRead: f.bytes.byteLength,
      totalBytes: f.bytes.byteLength,
    });
    try {
      tables.push(f.table ?? timed('open:parse', () => loadTable(f.bytes, f.name)));
    } catch (err) {
      errors.push({ fileName: f.name, reason: reasonOf(err) });
    }
  }
  if (tables.length === 0) return { result: { summary: null, errors } };
  onProgress?.({
    fileName: tables.map((t) => t.fileName).join(', '),
    phase: 'joining',
    bytesRead: 0,
    totalBytes: null,
  });
  try {
    const combined = timed('open:combine', () => combineTables(tables));
    const summary = timed('open:summarize', () => summarize(combined, tables));
    if (signal?.aborted) return { result: CANCELLED };
    return { result: { summary, errors }, dataset: new OpenDataset(combined) };
  } catch (err) {
    errors.push({ fileName: tables.map((t) => t.fileName).join(', '), reason: reasonOf(err) });
    return { result: { summary: null, errors } };
  }
}
