import { describe, expect, it } from 'vitest';
import type { SlicesRequest, SlicesResult } from '../../protocol';
import { HOSTILE, hostileRoles } from '../../test/sqlHostile';
import { type Contract, expectClose, openFixtures } from '../../test/serverContract';

const req = (over: Partial<SlicesRequest> = {}): SlicesRequest => ({
  mode: 'failure',
  version: 'v1',
  baseline: null,
  bins: 5,
  minSize: 20,
  maxConditions: 2,
  cohort: null,
  ...over,
});

/** Both answers without the time each took. */
async function both(c: Contract, r: SlicesRequest): Promise<[SlicesResult, SlicesResult]> {
  const [a, b] = (await c.ask('findSlices', r)) as [SlicesResult, SlicesResult];
  return [
    { ...a, elapsedMs: 0 },
    { ...b, elapsedMs: 0 },
  ];
}

describe('contract slices: the same slices, ranks, tests and q-values as the tab', () => {
  let wide: Contract;
  let hostile: Contract;
  openFixtures((w, h) => {
    wide = w;
    hostile = h;
  });

  it('failure, regression and improvement modes on the wide fixture, with a cohort and 3 conditions', async () => {
    await wide.ask('analyse', wide.opened[0].summary!.inferred);
    const cohort = { op: 'in' as const, column: 'is_member', values: ['true'] };
    for (const r of [
      req(),
      req({ maxConditions: 3, bins: 4 }),
      req({ cohort, minSize: null }),
      req({ mode: 'regression', version: 'v2', baseline: 'v1', maxConditions: 3 }),
      req({ mode: 'improvement', version: 'v2', baseline: 'v1' }),
    ]) {
      const [a, b] = await both(wide, r);
      expect(a.results.length, `${r.mode}`).toBeGreaterThan(0);
      expectClose(b, a, `${r.mode} ${r.maxConditions}`);
    }
  }, 120_000);

  it('hostile columns (nulls, NaN, quotes, timestamps, booleans) in all three tasks', async () => {
    const cases: [keyof typeof hostileRoles, Partial<SlicesRequest>][] = [
      ['multiclass', { version: 'a' }],
      ['multiclass', { mode: 'regression', version: 'b', baseline: 'a', minSize: 5 }],
      ['binary', { version: 's2', minSize: 10, maxConditions: 3 }],
      ['regression', { version: 'r', minSize: 10 }],
    ];
    let found = 0;
    for (const [task, over] of cases) {
      await hostile.ask('analyse', hostileRoles[task]);
      const cohort = { op: 'range' as const, column: HOSTILE.float, min: -1, max: 1.5 };
      for (const r of [req(over), req({ ...over, cohort })]) {
        const [a, b] = await both(hostile, r);
        expectClose(b, a, `${task} ${r.mode}`);
        found += b.results.length;
      }
    }
    expect(found).toBeGreaterThan(0);
  }, 120_000);

  it('the same sentence for a search that cannot run', async () => {
    await wide.ask('analyse', wide.opened[0].summary!.inferred);
    const bad = req({ mode: 'regression', baseline: null });
    await expect(wide.tab.findSlices!(bad as never)).rejects.toThrow(/baseline version/);
    await expect(wide.server.call('findSlices', [bad])).rejects.toThrow(/baseline version/);
  });
});
