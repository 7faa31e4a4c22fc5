import { checkTable } from './checkData';
import { fromArrowTable } from './fromArrow';
import { DataError, explainArrowError, readIpc } from './readIpc';
import type { LoadedTable } from './types';

/** Parses and normalizes one file's bytes; every failure becomes a DataError for the user. */
export function loadTable(bytes: Uint8Array, fileName: string): LoadedTable {
  const table = readIpc(bytes);
  try {
    checkTable(table);
    return fromArrowTable(table, fileName, bytes.byteLength);
  } catch (err) {
    // File-format bodies are decoded lazily in places: truncation can surface here.
    if (err instanceof DataError) throw err;
    throw new DataError(explainArrowError(err));
  }
}
