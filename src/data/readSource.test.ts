import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  FILE_SLICE_BYTES,
  MAX_FILE_BYTES,
  MAX_SET_BYTES,
  ReadBudget,
  readSource,
  setRefusal,
  type Source,
} from './readSource';
import { Session } from '../worker/session/session';
import { files } from '../test/fixtures';

/** A File that claims `size` bytes and fails the test if anything tries to read it. */
function hugeFile(name: string, size: number): File {
  const read = () => {
    throw new Error(`${name} was read`);
  };
  return { name, size, stream: read, arrayBuffer: read, slice: read } as unknown as File;
}

const GiB = 2 ** 30;
const noProgress = () => {};

/** A body that yields `chunk`-byte pieces for ever, counting how many were pulled. */
function endless(chunk: number) {
  const counter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      counter.pulled++;
      c.enqueue(new Uint8Array(chunk));
    },
    cancel() {
      counter.cancelled = true;
    },
  });
  return { stream, counter };
}

afterEach(() => vi.unstubAllGlobals());

describe('size limits: refused with a reason before the tab runs out of memory', () => {
  it('states the limits: 1.5 GiB per file, 3 GiB per set', () => {
    expect(MAX_FILE_BYTES).toBe(1.5 * GiB);
    expect(MAX_SET_BYTES).toBe(3 * GiB);
  });

  it('refuses a file over 1.5 GiB from its size alone, without reading it', async () => {
    const s: Source = { kind: 'file', file: hugeFile('huge.arrow', 2 * GiB) };
    await expect(readSource(s, noProgress)).rejects.toThrow(
      /the file is 2\.0 GiB, more than the 1\.5 GiB one file may have here.*ArrayBuffer.*2 GiB/,
    );
  });

  it('refuses a set whose sizes add up to more than 3 GiB before reading any', async () => {
    const sources: Source[] = ['a', 'b', 'c'].map((n) => ({
      kind: 'file',
      file: hugeFile(`${n}.arrow`, 1.2 * GiB),
    }));
    expect(setRefusal(sources)).toMatch(/add up to 3\.6 GiB, more than the 3\.0 GiB/);
    const session = new Session();
    const good = session.openBytes(files('wide.arrow'));
    const r = await session.open(sources, noProgress);
    expect(r.summary).toBeNull();
    expect(r.errors).toEqual([
      { fileName: 'a.arrow, b.arrow, c.arrow', reason: expect.stringMatching(/Open fewer files/) },
    ]);
    // What was open stays open.
    expect(session.dataset.n).toBe(good.summary!.numRows);
  });

  it('refuses a URL whose Content-Length is over the limit without reading the body', async () => {
    const { stream, counter } = endless(1024);
    const headers = { 'content-length': String(2 * GiB) };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(stream, { headers })),
    );
    const s: Source = { kind: 'url', url: 'http://example.test/big.arrow' };
    await expect(readSource(s, noProgress)).rejects.toThrow(/the file is 2\.0 GiB/);
    expect(counter.pulled).toBeLessThanOrEqual(1); // the stream's own first pull, never read
  });

  it('stops reading a URL without Content-Length once it passes the limit', async () => {
    const { stream, counter } = endless(64);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(stream)),
    );
    const s: Source = { kind: 'url', url: 'http://example.test/endless.arrow' };
    const budget = new ReadBudget(10_000, 1000);
    await expect(readSource(s, noProgress, budget)).rejects.toThrow(
      /larger than 0\.00 GiB \(reading stopped there\)/,
    );
    expect(counter.cancelled).toBe(true);
    expect(counter.pulled).toBeLessThan(20);
  });

  it('charges the set: a file that fits alone is refused after the ones before it', async () => {
    const budget = new ReadBudget(1500, 1000);
    const file = (name: string) => ({ kind: 'file', file: new File([new Uint8Array(800)], name) });
    await expect(readSource(file('a.arrow') as Source, noProgress, budget)).resolves.toHaveLength(
      800,
    );
    await expect(readSource(file('b.arrow') as Source, noProgress, budget)).rejects.toThrow(
      /with the files before it/,
    );
  });
});

describe('reading a File in slices', () => {
  it('returns every byte in order across slice boundaries, with progress per slice', async () => {
    const size = 2 * FILE_SLICE_BYTES + 12_345; // three slices, the last one short
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
    const file = new File([bytes], 'three-slices.arrow');
    const seen: number[] = [];
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const got = await readSource({ kind: 'file', file }, (p) => {
        seen.push(p.bytesRead);
        vi.setSystemTime(Date.now() + 1000); // every slice is reported, not throttled
      });
      expect(got.length).toBe(size);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(bytes))).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    // One report per slice, cumulative (slices may finish in any order: several are in flight).
    expect(seen).toHaveLength(3);
    expect(seen.at(-1)).toBe(size);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('says so when the file shrinks while it is read, instead of parsing zeros', async () => {
    const real = new File([new Uint8Array(1000)], 'shrinks.arrow');
    const liar = {
      name: 'shrinks.arrow',
      size: 5000,
      slice: (a: number, b: number) => real.slice(a, b),
    } as unknown as File;
    await expect(readSource({ kind: 'file', file: liar }, noProgress)).rejects.toThrow(
      /shrinks\.arrow changed while it was being read/,
    );
  });
});
