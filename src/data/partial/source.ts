import type { Column } from '../types';

/**
 * Where the deferred columns come from: an Arrow file's byte ranges (arrowSource.ts) or a
 * Parquet file's column chunks (parquetSource.ts). DeferredColumns orders, reports and fails
 * them the same way for both.
 */
export interface DeferredSource {
  /** Bytes the deferred columns stand for (the progress total). */
  readonly totalBytes: number;
  /** An embedding (read last; the slice finder does not wait for it). */
  vector(index: number): boolean;
  bytesOf(index: number): number;
  /** Brings the column's bytes in; throws when the file cannot be read (all columns fail). */
  load(
    index: number,
    file: Blob,
    onRead: (bytes: number) => void,
    signal: AbortSignal,
  ): Promise<void>;
  /**
   * The column normalized, with its type's name; throws (a DataError or a decoder's error) when
   * its bytes are bad: that column alone fails. `onRead` reports bytes not reported by `load`;
   * a decode that takes long stops when `signal` aborts (another file was opened).
   */
  decode(
    index: number,
    name: string,
    onRead: (bytes: number) => void,
    signal: AbortSignal,
  ): Promise<{ col: Column; arrowType: string }> | { col: Column; arrowType: string };
  /** Every column is read or failed: the bytes held for them can go. */
  release?(): void;
}
