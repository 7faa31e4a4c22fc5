// The columns of an open dataset still being read (see src/data/partial/readPartial.ts): read
// one after the other in the background, each normalized as soon as its bytes are in. A request
// that reaches one of them throws ColumnPending; the worker's gate (gate.ts) waits for the
// column and runs the request again. A column that cannot be read fails with its reason, and
// every request waiting for it gets that reason instead of an answer.
import { describeColumn } from '../../data/columnInfo';
import { FileChanged } from '../../data/partial/ranges';
import type { DeferredSource } from '../../data/partial/source';
import { DataError, explainArrowError } from '../../data/readIpc';
import type { Column, ColumnInfo } from '../../data/types';
import type { ColumnsUpdate } from '../../protocol';
import { drainedTurn } from '../scheduler';

/** A request reached a column that is still being read. */
export class ColumnPending extends Error {
  constructor(readonly column: string) {
    super(`the column "${column}" is still being read`);
  }
}

interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

function waiter(): Waiter {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export interface DeferredColumn {
  index: number;
  name: string;
}

let hold: { promise: Promise<void>; release: () => void } | null = null;

/**
 * For tests (e2e/deferred.spec.ts): stops the background reading before its next column
 * (true) or lets it go on (false), so a test can see a view waiting for a column.
 */
export function holdColumns(on: boolean): void {
  if (on && !hold) {
    let release!: () => void;
    const promise = new Promise<void>((r) => (release = r));
    hold = { promise, release };
  } else if (!on && hold) {
    hold.release();
    hold = null;
  }
}

/** Progress reports at most this often (ms); each one crosses to the page. */
const REPORT_MS = 100;

export class DeferredColumns {
  private readonly waits = new Map<string, Waiter>();
  private readonly failed = new Map<string, string>();
  private readonly loaded = new Set<string>();
  private readonly all = waiter();
  private bytesRead = 0;
  readonly totalBytes: number;
  /** In reading order: features first (small, Rows and Slices need them), vectors last. */
  readonly order: DeferredColumn[];

  constructor(
    private readonly source: DeferredSource,
    columns: DeferredColumn[],
    private readonly token: number,
    private readonly onColumn: (col: Column, info: ColumnInfo) => void,
    private readonly report: (u: ColumnsUpdate) => void,
  ) {
    this.order = [...columns].sort(
      (a, b) => Number(source.vector(a.index)) - Number(source.vector(b.index)),
    );
    for (const c of columns) this.waits.set(c.name, waiter());
    this.totalBytes = source.totalBytes;
  }

  /** Still being read (not loaded, not failed). */
  pending(name: string): boolean {
    return this.waits.has(name) && !this.failed.has(name) && !this.loaded.has(name);
  }

  /** Why the column could not be read, if it could not. */
  failure(name: string): string | undefined {
    return this.failed.get(name);
  }

  /** A vector column (an embedding): read last; the slice finder does not wait for it. */
  vector(name: string): boolean {
    const c = this.order.find((x) => x.name === name);
    return !!c && this.source.vector(c.index);
  }

  get names(): string[] {
    return this.order.map((c) => c.name).filter((n) => this.pending(n));
  }

  /** Resolves when the column is loaded; rejects with the reason it could not be. */
  wait(name: string): Promise<void> {
    return this.waits.get(name)?.promise ?? Promise.resolve();
  }

  /** Resolves when every column is read or has failed. */
  get done(): Promise<void> {
    return this.all.promise;
  }

  private update(current: string | null, loaded: ColumnInfo[], failed: string[]): void {
    this.report({
      token: this.token,
      pending: this.names,
      current,
      bytesRead: this.bytesRead,
      totalBytes: this.totalBytes,
      loaded,
      failed: failed.map((name) => ({ name, reason: this.failed.get(name)! })),
    });
  }

  private fail(c: DeferredColumn, reason: string): void {
    const why = `the column "${c.name}" could not be read: ${reason}`;
    this.failed.set(c.name, why);
    this.waits.get(c.name)!.reject(new DataError(why));
  }

  /** Normalizes a column whose bytes are all in. */
  private async decode(
    c: DeferredColumn,
    onRead: (n: number) => void,
    signal: AbortSignal,
  ): Promise<ColumnInfo | null> {
    try {
      const { col, arrowType } = await this.source.decode(c.index, c.name, onRead, signal);
      const info = describeColumn(col, arrowType);
      this.onColumn(col, info);
      this.loaded.add(c.name);
      this.waits.get(c.name)!.resolve();
      return info;
    } catch (err) {
      if (signal.aborted) throw err; // run() fails the columns left, saying why
      this.fail(c, err instanceof DataError ? err.message : explainArrowError(err));
      return null;
    }
  }

  /**
   * Reads and normalizes every column, in order. `signal` aborts when another file is opened:
   * the waiting requests then fail, saying so.
   */
  async run(file: Blob, signal: AbortSignal): Promise<void> {
    let last = 0;
    try {
      for (const c of this.order) {
        if (hold) await hold.promise;
        signal.throwIfAborted();
        this.update(c.name, [], []);
        const onRead = (n: number) => {
          this.bytesRead += n;
          const now = Date.now();
          if (now - last < REPORT_MS) return;
          last = now;
          this.update(c.name, [], []);
        };
        await this.source.load(c.index, file, onRead, signal);
        // Let requests that arrived meanwhile go first: decoding holds the worker. They wait in
        // the scheduler's queue (scheduler.ts) until each has started.
        await new Promise((r) => setTimeout(r, 0));
        await drainedTurn();
        signal.throwIfAborted();
        const info = await this.decode(c, onRead, signal);
        signal.throwIfAborted();
        if (info) this.update(c.name, [info], []);
        else this.update(c.name, [], [c.name]);
      }
    } catch (err) {
      const reason = signal.aborted
        ? 'another file was opened before it was read'
        : err instanceof FileChanged
          ? 'the file changed on disk while it was being read; open it again'
          : `reading the file failed (${err instanceof Error ? err.message : String(err)})`;
      const left = this.order.filter((c) => this.pending(c.name));
      for (const c of left) this.fail(c, reason);
      if (!signal.aborted)
        this.update(
          null,
          [],
          left.map((c) => c.name),
        );
    }
    if (!signal.aborted) this.update(null, [], []);
    this.source.release?.();
    this.all.resolve();
  }

  /** Bytes each column still needs (for tests and the bench). */
  bytesOf(name: string): number {
    const c = this.order.find((x) => x.name === name);
    return c ? this.source.bytesOf(c.index) : 0;
  }
}
