// The seeded mutation fuzzer over the footer read (src/data/partial, worker/session/deferred.ts):
// a mutated Arrow file opened from its footer must end like a full read of the same bytes. When
// the full read opens it, every column read later equals the full read's; when the full read
// refuses it, the footer read refuses it too or names the columns it could not read. Nothing
// hangs: every column is read or failed, and a request for any column answers or gives a reason.
import { describe, expect, it } from 'vitest';
import { Session } from '../worker/session/session';
import { gated } from '../worker/gate';
import { mulberry32, mutate } from './fuzzMutate';
import { fixtureBytes } from './fixtures';
import type { ColumnsUpdate } from '../protocol';

const CASES = Number(process.env.FUZZ_CASES ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 7);

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms),
    ),
  ]);

async function openFromFooter(bytes: Uint8Array) {
  const s = new Session();
  s.partialMinBytes = 0;
  const updates: ColumnsUpdate[] = [];
  const file = new File([bytes as Uint8Array<ArrayBuffer>], 'm.arrow');
  const r = await s.open(
    [{ kind: 'file', file }],
    () => {},
    1,
    (u) => updates.push(u),
  );
  return { s, r, updates };
}

describe('mutation fuzzer: opening from the footer', () => {
  it(`${CASES} mutated files end as the full read does, and never hang`, async () => {
    const base = fixtureBytes('wide.arrow');
    const rng = mulberry32(SEED);
    let deferredCases = 0;
    for (let k = 0; k < CASES; k++) {
      const { bytes, what } = mutate(base, rng, base);
      const label = `case ${k} (${what})`;
      const full = new Session().openBytes([{ name: 'm.arrow', bytes }]);
      const { s, r, updates } = await within(openFromFooter(bytes), 5000, label);
      if (!r.summary) {
        expect(
          r.errors.every((e) => e.reason.trim() !== ''),
          label,
        ).toBe(true);
        continue;
      }
      const deferred = s.dataset.byName.deferred;
      if (deferred) deferredCases++;
      await within(deferred?.done ?? Promise.resolve(), 5000, label);
      const failed = updates.flatMap((u) => u.failed.map((f) => f.name));
      if (!full.summary) {
        expect(failed.length, `${label}: the full read refused it`).toBeGreaterThan(0);
      } else {
        expect(failed, label).toEqual([]);
        const fd = new Session();
        fd.openBytes([{ name: 'm.arrow', bytes }]);
        for (const c of fd.dataset.combined.columns)
          expect(s.dataset.byName.get(c.name), `${label}: ${c.name}`).toEqual(c);
      }
      // Every column answers a request, or gives a reason; none waits for ever.
      for (const c of r.summary.columns) {
        const ask = gated(s, () => s.profile({ type: 'column', name: c.name })).then(
          () => null,
          (err: unknown) => (err instanceof Error ? err.message : String(err)),
        );
        const reason = await within(ask, 5000, `${label}: ${c.name}`);
        if (reason !== null) expect(reason.trim(), label).not.toBe('');
        if (failed.includes(c.name)) expect(reason, label).toMatch(/could not be read/);
      }
    }
    // The bases must reach the deferred path at all, or this tests nothing.
    expect(deferredCases).toBeGreaterThan(CASES / 4);
  }, 120_000);
});
