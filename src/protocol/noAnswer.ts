// The answers both backends (the tab's services and the DuckDB server) give when a request finds
// nothing: one wording, one shape.
import type { NeighboursResult } from './embeddings';
import type { RowDetail } from './rows';

/** A row id (or number) that matches no row. */
export function rowNotFound(query: string, hasIds: boolean, rowCount: number): RowDetail {
  const message = hasIds
    ? `No row with id “${query}”.`
    : `This dataset has no id column: open a row by its number, #0 to #${rowCount - 1}.`;
  return { found: false, query, message };
}

/** Neighbours that cannot be listed, and why. */
export function noNeighbours(versions: string[], error: string): NeighboursResult {
  return { query: null, rows: [], versions, candidates: 0, agreement: null, overlap: [], error };
}
