// What the partial openers (openArrowPartial.ts, openParquetPartial.ts, openCsvPartial.ts) are
// given by Session.open: the open's callbacks, and the session's ways to open whole or to make
// a partly read dataset current. They hold no state of their own.
import type { OpenFile } from '../../data/formats/decode';
import type { Progress } from '../../data/readSource';
import { DataError } from '../../data/readIpc';
import type { ColumnsUpdate, OpenResult } from '../../protocol';
import type { PartialOpen } from './openPartial';

export const CANCELLED: OpenResult = { summary: null, errors: [], cancelled: true };

export function reasonOf(err: unknown): string {
  if (err instanceof DataError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

export interface OpenCall {
  onProgress: (p: Progress) => void;
  token: number;
  onColumns: (u: ColumnsUpdate) => void;
  signal: AbortSignal;
  /** Files smaller than this are read whole (tests lower it to exercise the partial read). */
  minBytes: number;
  /** Opens files already in memory (Session.openBytes). */
  openBytes(files: OpenFile[]): OpenResult;
  /** Decodes, then opens, files already in memory (Session.openFiles). */
  openFiles(files: OpenFile[]): Promise<OpenResult>;
  /** The dataset opened on its first columns becomes current; the rest are read after. */
  start(r: PartialOpen & { kind: 'opened' }, file: Blob): OpenResult;
}
