// Which reader a file needs, from its bytes (never its name): Arrow IPC goes to the verified
// Arrow path (load.ts); Parquet and CSV/TSV are decoded here first, and gzip is unwrapped once.
// The Parquet decoder is imported on demand, so opening Arrow files never loads it.
import { checkTable } from '../checkData';
import { fromArrowTable } from '../fromArrow';
import { DataError, explainArrowError } from '../readIpc';
import { MAX_FILE_BYTES } from '../readSource';
import { startsWith, textKind } from '../sniff';
import type { LoadedTable } from '../types';
import { readCsv } from './csv';

/** A file ready for the session: bytes to read as Arrow IPC, or a table decoded already. */
export interface OpenFile {
  name: string;
  bytes: Uint8Array;
  table?: LoadedTable;
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const GZIP = [0x1f, 0x8b];

/** Decompresses gzip in the worker, stopping once past what one file may be (a gzip bomb). */
export async function gunzip(bytes: Uint8Array, limit = MAX_FILE_BYTES): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        throw new DataError(
          `the gzip file decompresses to more than ${limit / 2 ** 30} GiB, more than one file may be here`,
        );
      }
      parts.push(value);
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(
      `the gzip file is truncated or corrupt (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function decodeParquet(
  name: string,
  bytes: Uint8Array,
  onProgress?: (done: number, total: number) => void,
): Promise<LoadedTable> {
  const { readParquet } = await import('./parquet');
  const table = await readParquet(bytes, { onProgress });
  try {
    checkTable(table);
    return fromArrowTable(table, name, bytes.byteLength);
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(explainArrowError(err));
  }
}

/** Decodes Parquet, CSV/TSV and gzip; Arrow IPC (and anything unrecognized) passes through. */
export async function decodeFile(
  name: string,
  raw: Uint8Array,
  onProgress?: (done: number, total: number) => void,
): Promise<OpenFile> {
  const bytes = startsWith(raw, GZIP) ? await gunzip(raw) : raw;
  if (startsWith(bytes, PAR1))
    return { name, bytes, table: await decodeParquet(name, bytes, onProgress) };
  if (textKind(bytes) === 'csv') return { name, bytes, table: readCsv(bytes, name, onProgress) };
  return { name, bytes };
}
