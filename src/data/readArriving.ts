// A file read into one buffer while its first bytes are already being parsed: a reader that can
// work on the filled prefix (a CSV's records, in order) starts before the last slice arrives.
// The slices are read as readSource.ts reads them (several in flight, straight into the buffer);
// here the caller also learns how far the buffer is filled from its start.
import { type Progress, type ReadBudget, sizeRefusal } from './readSource';

export interface Arriving {
  /** The whole file's buffer; bytes at and after `ready` may still be zeros. */
  readonly bytes: Uint8Array;
  /** The length of the filled prefix (bytes.length once read). */
  readonly ready: number;
  /** Resolves once `ready` has grown (or the file is read); rejects if the read failed. */
  more(): Promise<void>;
  /** Lets the runtime deliver slices that arrived (the parse runs on the thread that reads). */
  breathe(): Promise<void>;
  /** Stops the 'reading' progress: the parse reports its own from here. */
  quiet(): void;
  /** The whole file, once read (asking for it resumes a paused read). */
  readonly done: Promise<Uint8Array>;
  /**
   * Reads no slice starting at or after `at` until more bytes are asked for (`more` with
   * every slice before `at` landed, or `done`): a CSV whose second half a helper scans does not
   * read that half during the first view's scan (the machine's cores do the scanning).
   */
  pause?(at: number): void;
}

/**
 * Slices smaller than readSource's 32 MiB: the parse starts after the first one. `guard`: a
 * parser keeps this far behind the end of the bytes read (a record crossing it is detected and
 * the file parsed again once read). Tests set both small to cross slice ends often.
 */
export const arriving = {
  sliceBytes: 8 * 2 ** 20,
  guard: 2 ** 20,
  /** parses begun again */ again: 0,
  /** reads that waited at a pause (tests check the paused path runs) */ paused: 0,
};
const IN_FLIGHT = 4;

/** A complete buffer as an Arriving (nothing to wait for). */
export function arrived(bytes: Uint8Array): Arriving {
  return {
    bytes,
    ready: bytes.length,
    more: () => Promise.resolve(),
    breathe: () => Promise.resolve(),
    quiet: () => {},
    done: Promise.resolve(bytes),
  };
}

/** A macrotask later, without setTimeout's 4 ms clamp on nested calls. */
function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

/**
 * Starts reading `file` (refused first if the budget cannot hold it, as readSource does) and
 * returns at once; `ready` grows as the slices from the start land.
 */
export function readArriving(
  file: Blob & { name: string },
  onProgress: (p: Progress) => void,
  budget: ReadBudget,
  signal?: AbortSignal,
): Arriving {
  const { sliceBytes } = arriving;
  const total = file.size;
  const refused = sizeRefusal(total, budget);
  if (refused) throw new Error(refused);
  budget.left -= total;
  const bytes = new Uint8Array(total);
  const slices = Math.ceil(total / sliceBytes);
  const landed = new Uint8Array(slices);
  let ready = 0;
  let first = 0; // the first slice not yet landed
  let wake: (() => void)[] = [];
  let failed: unknown = null;
  let reporting = true;
  let last = 0;
  let read = 0;
  const notify = () => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };
  let next = 0;
  let pauseAt = Infinity;
  let paused: (() => void)[] = [];
  const resume = () => {
    pauseAt = Infinity;
    const w = paused;
    paused = [];
    for (const f of w) f();
  };
  const reader = async () => {
    while (next < slices) {
      if (next * sliceBytes >= pauseAt) {
        arriving.paused++;
        await new Promise<void>((r) => paused.push(r));
        continue;
      }
      const k = next++;
      const at = k * sliceBytes;
      const want = Math.min(sliceBytes, total - at);
      const piece = new Uint8Array(await file.slice(at, at + want).arrayBuffer());
      signal?.throwIfAborted();
      if (piece.length !== want)
        throw new Error(`${file.name} changed while it was being read; open it again`);
      bytes.set(piece, at);
      landed[k] = 1;
      read += want;
      while (first < slices && landed[first]) first++;
      ready = Math.min(total, first * sliceBytes);
      const now = Date.now();
      if (reporting && now - last >= 50) {
        last = now;
        onProgress({ fileName: file.name, phase: 'reading', bytesRead: read, totalBytes: total });
      }
      notify();
    }
  };
  const done = Promise.all(Array.from({ length: Math.min(IN_FLIGHT, slices) }, reader)).then(
    () => bytes,
    (err: unknown) => {
      failed = err;
      notify();
      throw err;
    },
  );
  // Whoever waits on `done` sees the failure; this keeps an unawaited one from being reported.
  done.catch(() => {});
  return {
    bytes,
    get ready() {
      return ready;
    },
    more() {
      if (failed) return Promise.reject(failed);
      if (ready === total) return Promise.resolve();
      // Every slice before the pause has landed: what is asked for lies past it.
      if (first * sliceBytes >= pauseAt) resume();
      return new Promise<void>((resolve) => wake.push(resolve)).then(() => {
        if (failed) throw failed;
      });
    },
    breathe: () => (ready === total ? Promise.resolve() : nextTask()),
    quiet: () => {
      reporting = false;
    },
    get done() {
      resume();
      return done;
    },
    pause(at: number) {
      pauseAt = at;
    },
  };
}
