// The first pass of a CSV opened on its first columns (csvPartial.ts), shared by the worker that
// opens the file and the helper that scans its second half (csvPart.ts): records scanned as the
// bytes arrive, the first view's columns inferred and filled, each record's start and the start
// of its first deferred field kept for later passes.
import { type Inferred, checkRecord, inferAndFill } from '../formats/csv';
import type { Filler } from '../formats/csvFill';
import { scanRecord, scanned } from '../formats/csvScan';
import { type Arriving, arriving } from '../readArriving';

const PROGRESS_EVERY = 8 * 2 ** 20;

/** Record starts, grown as the scan finds them (offsets may pass 2^32 in a large file). */
export class Starts {
  a = new Float64Array(1 << 16);
  n = 0;
  push(at: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = at;
  }
  /** The offsets, cut to their count. */
  done(): Float64Array {
    return this.a.subarray(0, this.n);
  }
}

/** A record crossed the end of the bytes read so far (longer than `arriving.guard`): read whole. */
export class NotYet extends Error {}

/** Follows an Arriving buffer: how far records may be scanned, and the checks that keep to it. */
export class Follow {
  readonly n: number;
  ready = 0;
  /** Records starting before this lie in the bytes read: the bytes read less the guard. */
  limit = 0;
  constructor(readonly src: Arriving) {
    this.n = src.bytes.length;
    this.grown();
  }
  grown(): void {
    this.ready = this.src.ready;
    this.limit = this.ready === this.n ? this.n : this.ready - arriving.guard;
  }
  /** After a record was scanned to `at`: it must lie in the bytes read. */
  check(at: number): void {
    if (at >= this.ready && this.ready < this.n) throw new NotYet();
  }
  /** Before a record at `at`: waits while it is too near the end of the bytes read. */
  async wait(at: number): Promise<void> {
    while (at >= this.limit && this.ready < this.n) {
      await this.src.more();
      this.grown();
    }
  }
}

/** What the first pass fills; `rows` counts the records seen. */
export interface Pass {
  delim: number;
  width: number;
  /** 1 for the first view's columns (filled), 0 for the deferred ones. */
  want: Uint8Array;
  /** The first deferred column: each record's offset there is kept in `marks`. */
  d0: number;
  inferred: Inferred;
  guess: Filler[];
  starts: Starts;
  marks: Starts;
  rows: number;
  /** The buffer's offset in the file (a helper's buffer holds a later part of it). */
  base: number;
}

/**
 * Scans records from `from` until the end or until `stop(at)` holds before a record at `at`
 * (returned); `tick` is told every 8 MiB, after which landed slices are let in.
 */
export async function firstPass(
  f: Follow,
  p: Pass,
  from: number,
  stop: (at: number) => boolean = () => false,
  tick?: (at: number) => void,
): Promise<number> {
  const bytes = f.src.bytes;
  const { n } = f;
  const { delim, width, want, d0, inferred, guess, starts, marks, base } = p;
  let row = p.rows;
  const fill = (col: number, s: number, e: number, q: boolean) =>
    inferAndFill(inferred, guess[col]!, col, row, bytes, s, e, q);
  let i = from;
  let lastTick = i;
  scanned.markCol = d0;
  try {
    while (i < n) {
      if (i >= f.limit) {
        scanned.markCol = -1;
        await f.wait(i);
        scanned.markCol = d0;
      }
      if (stop(i)) break;
      const at = i;
      i = scanRecord(bytes, i, delim, fill, want);
      f.check(i);
      if (scanned.fields === 0) continue;
      checkRecord(scanned.fields, width, row);
      starts.push(at + base);
      marks.push(scanned.markAt < 0 ? -1 : scanned.markAt + base);
      row++;
      if (i - lastTick >= PROGRESS_EVERY) {
        lastTick = i;
        tick?.(i);
        // Slices that landed meanwhile are copied in only when the scan lets the thread go.
        scanned.markCol = -1;
        await f.src.breathe();
        f.grown();
        scanned.markCol = d0;
      }
    }
  } finally {
    scanned.markCol = -1;
    p.rows = row;
  }
  return i;
}
