// The reader a CSV is scanned behind (readArriving.ts): the filled prefix only grows, what it
// covers is the file's bytes, and a failed read reaches whoever waits.
import { describe, expect, it } from 'vitest';
import { arriving, readArriving } from './readArriving';
import { ReadBudget } from './readSource';

async function withSlices<T>(bytes: number, run: () => Promise<T>): Promise<T> {
  const saved = { ...arriving };
  arriving.sliceBytes = bytes;
  try {
    return await run();
  } finally {
    Object.assign(arriving, saved);
  }
}

describe('readArriving', () => {
  it('a prefix that only grows, equal to the file where filled, then the whole file', () =>
    withSlices(1000, async () => {
      const data = Uint8Array.from({ length: 10_500 }, (_, i) => (i * 31 + 7) & 255);
      const file = new File([data], 'x.csv');
      const budget = new ReadBudget();
      const src = readArriving(file, () => {}, budget);
      expect(budget.left).toBe(budget.total - data.length);
      let last = -1;
      let steps = 0;
      while (src.ready < data.length) {
        expect(src.ready).toBeGreaterThanOrEqual(last);
        last = src.ready;
        expect(src.bytes.subarray(0, src.ready)).toEqual(data.subarray(0, src.ready));
        await src.more();
        steps++;
      }
      expect(steps).toBeGreaterThan(0);
      expect(await src.done).toEqual(data);
    }));

  it('paused: reads no slice past the pause until more is asked for, then the whole file', () =>
    withSlices(1000, async () => {
      const data = Uint8Array.from({ length: 20_500 }, (_, i) => (i * 17 + 3) & 255);
      // Counts the slices asked of the file: none may start at or past the pause while paused.
      const starts: number[] = [];
      const file = new File([data], 'x.csv');
      const counted = {
        size: file.size,
        name: 'x.csv',
        slice: (a: number, b: number) => (starts.push(a), file.slice(a, b)),
      } as unknown as File;
      const src = readArriving(counted, () => {}, new ReadBudget());
      src.pause!(6500);
      // Wait until every slice before the pause has landed (more() resolves as slices land).
      // (asked for only while short of it: once there, more() would resume the read)
      arriving.paused = 0;
      while (src.ready < 7000) await src.more();
      await new Promise((r) => setTimeout(r, 20));
      expect(arriving.paused).toBeGreaterThan(0);
      expect(Math.max(...starts)).toBeLessThan(7000);
      expect(src.ready).toBe(7000);
      expect(src.bytes.subarray(0, 7000)).toEqual(data.subarray(0, 7000));
      // Asked for bytes past the pause: the read goes on to the end.
      await src.more();
      expect(await src.done).toEqual(data);
      expect(Math.max(...starts)).toBe(20_000);
    }));

  it('paused: `done` resumes the read', () =>
    withSlices(1000, async () => {
      const data = Uint8Array.from({ length: 9_000 }, (_, i) => i & 255);
      const src = readArriving(new File([data], 'x.csv'), () => {}, new ReadBudget());
      src.pause!(2000);
      expect(await src.done).toEqual(data);
    }));

  it('refuses a file over the budget before reading', () => {
    const file = new File([new Uint8Array(100)], 'big.csv');
    expect(() => readArriving(file, () => {}, new ReadBudget(50, 50))).toThrow(/big|larger|GiB/);
  });

  it('a read that fails rejects the waiters and `done`', () =>
    withSlices(10, async () => {
      const file = new File([new Uint8Array(100)], 'x.csv');
      // A file whose bytes past 50 came back short (it changed on disk while being read).
      const broken = {
        size: 100,
        name: 'x.csv',
        slice: (a: number, b: number) =>
          a >= 50 ? new Blob([new Uint8Array(1)]) : file.slice(a, b),
      } as unknown as File;
      const src = readArriving(broken, () => {}, new ReadBudget());
      await expect(src.done).rejects.toThrow(/changed while it was being read/);
      await expect(src.more()).rejects.toThrow(/changed/);
      expect(src.ready).toBeLessThan(100);
    }));

  it('stops at an abort', () =>
    withSlices(10, async () => {
      const ctl = new AbortController();
      ctl.abort();
      const src = readArriving(
        new File([new Uint8Array(100)], 'x.csv'),
        () => {},
        new ReadBudget(),
        ctl.signal,
      );
      await expect(src.done).rejects.toThrow();
    }));
});
