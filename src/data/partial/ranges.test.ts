// The read-ahead range reader (ranges.ts `rangeReader`): every byte asked for lands at its own
// offset, each byte is read from the file once however often it is asked for, a caller waiting
// for one part does not wait for the rest, and a failed read rejects whoever waits for it.
import { describe, expect, it } from 'vitest';
import { type Range, mergeRanges, rangeReader } from './ranges';

/** A Blob over `bytes` whose slices are recorded and answered only when `release` is called. */
function gated(bytes: Uint8Array) {
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const reads: Range[] = [];
  const held: (() => void)[] = [];
  let open = false;
  const blob = {
    size: file.size,
    slice: (a: number, b: number) => {
      reads.push([a, b]);
      const part = file.slice(a, b);
      return {
        arrayBuffer: () =>
          new Promise<ArrayBuffer>((res) => {
            const go = () => void part.arrayBuffer().then(res);
            if (open) go();
            else held.push(go);
          }),
      };
    },
  } as unknown as Blob;
  return {
    blob,
    reads,
    release: () => {
      open = true;
      for (const go of held.splice(0)) go();
    },
  };
}

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

describe('rangeReader', () => {
  it('puts every byte asked for at its offset, reading each byte of the file once', async () => {
    const src = pattern(10_000);
    const g = gated(src);
    g.release();
    const buf = new Uint8Array(src.length);
    const r = rangeReader(g.blob, buf, undefined, 300);
    const asked: Range[] = [
      [100, 2_000],
      [1_500, 2_500],
      [5_000, 5_001],
      [9_000, 10_000],
    ];
    await Promise.all([r.read(asked.slice(0, 2)), r.read(asked.slice(1))]);
    await r.read([
      [0, 50],
      [120, 130],
      [9_999, 10_000],
    ]);
    const want = mergeRanges([...asked, [0, 50]], 0);
    for (const [a, b] of want) expect(buf.subarray(a, b)).toEqual(src.subarray(a, b));
    // Outside what was asked, nothing was written.
    expect(buf.subarray(50, 100).every((x) => x === 0)).toBe(true);
    expect(buf.subarray(2_500, 5_000).every((x) => x === 0)).toBe(true);
    // No byte read twice: the reads do not overlap and cover exactly what was asked.
    const sorted = [...g.reads].sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]![0]).toBeGreaterThanOrEqual(sorted[i - 1]![1]);
    expect(mergeRanges(g.reads, 0)).toEqual(want);
    // Pieces are at most the piece size.
    for (const [a, b] of g.reads) expect(b - a).toBeLessThanOrEqual(300);
  });

  it('a part asked for again waits for the read already in flight, not a new one', async () => {
    const src = pattern(4_000);
    const g = gated(src);
    const buf = new Uint8Array(src.length);
    const r = rangeReader(g.blob, buf, undefined, 1_000);
    const all = r.read([[0, 4_000]]);
    let firstDone = false;
    const first = r.read([[10, 20]]).then(() => (firstDone = true));
    await new Promise((res) => setTimeout(res, 10));
    expect(firstDone).toBe(false); // nothing has landed yet
    g.release();
    await first;
    expect(buf.subarray(10, 20)).toEqual(src.subarray(10, 20));
    await all;
    expect(buf).toEqual(src);
    expect(g.reads.length).toBe(4);
  });

  it('a file shorter than asked rejects the reads that wait for the missing bytes', async () => {
    const src = pattern(1_000);
    const file = new Blob([src as Uint8Array<ArrayBuffer>]);
    const buf = new Uint8Array(2_000);
    const r = rangeReader(file, buf, undefined, 500);
    await expect(r.read([[500, 1_500]])).rejects.toThrow(/changed/);
    await r.read([[0, 500]]);
    expect(buf.subarray(0, 500)).toEqual(src.subarray(0, 500));
  });

  it('an aborted signal rejects the reads not yet made', async () => {
    const ctl = new AbortController();
    ctl.abort(new Error('stop'));
    const r = rangeReader(
      new Blob([pattern(100) as Uint8Array<ArrayBuffer>]),
      new Uint8Array(100),
      ctl.signal,
    );
    await expect(r.read([[0, 100]])).rejects.toThrow('stop');
  });
});
