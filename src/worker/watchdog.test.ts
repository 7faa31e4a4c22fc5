import { describe, expect, it } from 'vitest';
import { BUSY_AFTER_MS, type EngineStatus, HEARTBEAT_MS, Watchdog } from './watchdog';

function harness() {
  let now = 0;
  const answers: ((v: unknown) => void)[] = [];
  const failures: ((e: unknown) => void)[] = [];
  const seen: EngineStatus[] = [];
  const dog = new Watchdog(
    () =>
      new Promise((resolve, reject) => {
        answers.push(resolve);
        failures.push(reject);
      }),
    (s) => seen.push(s),
    () => now,
  );
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += HEARTBEAT_MS) {
      now += HEARTBEAT_MS;
      dog.tick();
      await Promise.resolve();
    }
  };
  return { dog, answers, failures, seen, advance };
}

describe('Watchdog', () => {
  it('stays quiet while heartbeats are answered', async () => {
    const h = harness();
    for (let i = 0; i < 10; i++) {
      await h.advance(HEARTBEAT_MS);
      h.answers.shift()?.(true);
      await Promise.resolve();
    }
    expect(h.seen).toEqual([]);
  });

  it('reports a heartbeat left unanswered past the limit once, then ready when it comes', async () => {
    const h = harness();
    await h.advance(HEARTBEAT_MS); // heartbeat sent at t = 1 s
    await h.advance(BUSY_AFTER_MS + 3 * HEARTBEAT_MS);
    expect(h.seen).toEqual([{ state: 'busy', since: HEARTBEAT_MS }]);
    expect(h.answers).toHaveLength(1); // no second heartbeat piled up behind the first
    h.answers[0]!(true);
    await Promise.resolve();
    expect(h.seen.at(-1)).toEqual({ state: 'ready' });
  });

  it('a failed heartbeat is a failure; after a restart, late answers of the old worker are ignored', async () => {
    const h = harness();
    await h.advance(HEARTBEAT_MS);
    h.dog.restarted(['a.arrow']);
    h.failures[0]!(new Error('gone'));
    await Promise.resolve();
    expect(h.seen).toEqual([{ state: 'restarting', files: ['a.arrow'] }]);
    h.dog.recovered();
    await h.advance(HEARTBEAT_MS);
    h.failures[1]!(new Error('worker script failed'));
    await Promise.resolve();
    await Promise.resolve();
    expect(h.seen.at(-1)).toEqual({ state: 'failed', reason: 'worker script failed' });
  });
});
