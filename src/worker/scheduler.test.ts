import { beforeEach, describe, expect, it } from 'vitest';
import { QUIET_MS, backgroundTurn, dropQueued, enqueue, queued, resetActivity } from './scheduler';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the worker scheduler', () => {
  beforeEach(() => resetActivity());

  it('runs requests in arrival order, one per turn', async () => {
    const order: string[] = [];
    const jobs = ['a', 'b', 'c'].map((n) =>
      enqueue(n, async () => {
        order.push(`${n}:start`);
        await Promise.resolve();
        order.push(`${n}:end`);
        return n;
      }),
    );
    // Nothing runs in the task that queued them: each waits for its turn.
    expect(order).toEqual([]);
    expect(queued()).toBe(3);
    expect(await Promise.all(jobs)).toEqual(['a', 'b', 'c']);
    expect(order.filter((x) => x.endsWith('start'))).toEqual(['a:start', 'b:start', 'c:start']);
  });

  it('drops queued requests of a view the page left; the others still run', async () => {
    const ran: string[] = [];
    const job = (n: string) => enqueue(n, async () => void ran.push(n));
    const confusion = job('confusion');
    const rows = job('rowColumns');
    const perClass = job('perClass');
    dropQueued((n) => n === 'confusion' || n === 'perClass');
    await expect(confusion).rejects.toMatchObject({ name: 'CancelledError' });
    await expect(perClass).rejects.toThrow(/cancelled/);
    await rows;
    expect(ran).toEqual(['rowColumns']);
  });

  it('background work waits for queued requests and a quiet moment, unless awaited', async () => {
    resetActivity();
    expect(backgroundTurn()).toBeNull();
    const t0 = performance.now();
    const req = enqueue('rows', async () => later(20));
    const bg = backgroundTurn();
    expect(bg).not.toBeNull();
    // Awaited work waits only for the queue to empty (the request started), not for quiet.
    const fg = backgroundTurn(() => true)!;
    let started = false;
    void req.then(() => (started = true));
    await fg;
    const fgAt = performance.now() - t0;
    await bg;
    const bgAt = performance.now() - t0;
    expect(started).toBe(true);
    // The request ended at ≥ 20 ms: the background turn came QUIET_MS after that (timers may
    // fire a millisecond early).
    expect(bgAt).toBeGreaterThanOrEqual(20 + QUIET_MS - 2);
    expect(fgAt).toBeLessThan(bgAt);
  });
});
