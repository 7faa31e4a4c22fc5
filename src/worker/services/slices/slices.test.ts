import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../session/session';
import { cancelSlices, findSlices } from './slices';
import type { SlicesRequest } from '../../../protocol';
import { files } from '../../../test/fixtures';

function open(name: string, bytes?: Uint8Array) {
  const s = new Session();
  const r = s.openBytes(bytes ? [{ name, bytes }] : files(name));
  s.analyse(r.summary!.inferred);
  return s;
}

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

const count = (m: Uint8Array | null) => (m ? m.reduce((a, b) => a + b, 0) : NaN);

describe('findSlices in the worker', () => {
  it('returns slices whose predicates select exactly the rows they claim, within a cohort', async () => {
    const s = open('wide.arrow');
    const cohort = { op: 'in' as const, column: 'is_member', values: ['true'] };
    const fractions: number[] = [];
    const res = await findSlices(s.dataset, req({ cohort }), (f) => fractions.push(f));
    expect(res.done).toBe(true);
    expect(res.measure).toBe('error rate');
    expect(res.results.length).toBeGreaterThan(0);
    expect(res.tried).toBeGreaterThanOrEqual(res.tested);
    expect(res.n).toBe(count(s.dataset.maskOf(cohort)));
    expect(fractions.length).toBeGreaterThan(0);
    for (const r of res.results) {
      expect(count(s.dataset.maskOf(r.predicate)), r.text).toBe(r.rows);
      expect(r.q).toBeGreaterThanOrEqual(r.p);
    }
  });

  it('regression mode needs a different baseline and reports net changes', async () => {
    const s = open('wide.arrow');
    await expect(
      findSlices(s.dataset, req({ mode: 'regression', baseline: 'v2', version: 'v2' })),
    ).rejects.toThrow(/baseline/);
    const res = await findSlices(
      s.dataset,
      req({ mode: 'regression', version: 'v1', baseline: 'v2' }),
    );
    expect(res.measure).toBe('change in error rate');
    for (const r of res.results) {
      expect(r.worse).toBeGreaterThan(r.better);
      expect(r.effect).toBeCloseTo((r.worse - r.better) / r.n, 12);
      // Each version's error rate over the same rows: their difference is the net change.
      expect(r.versions!.version.value - r.versions!.baseline.value).toBeCloseTo(r.effect, 12);
      expect(r.lo).toBeLessThanOrEqual(r.effect);
      expect(r.hi).toBeGreaterThanOrEqual(r.effect);
    }
  });

  it('digits demo: the MLP (v2) got better on balance; where it got better is listed, churn is not a regression', async () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../../../public/demo/digits.arrow', import.meta.url)),
    );
    const s = open('digits.arrow', bytes);
    const pair = { version: 'v2', baseline: 'v1', minSize: null, maxConditions: 1 as const };
    // bbox_height in [10, 19] has 9 right→wrong but 22 wrong→right: ranked by negative flips
    // it led the list of "regressions"; by net change it is not one.
    const worse = await findSlices(s.dataset, req({ mode: 'regression', ...pair }));
    expect(worse.overall).toBeCloseTo(-0.03875, 12); // v2 errs on 155 fewer of 4,000 rows
    expect(worse.results.some((r) => r.text === 'bbox_height in [10, 19]')).toBe(false);
    expect(worse.results.every((r) => r.q >= 0.05)).toBe(true);
    const better = await findSlices(s.dataset, req({ mode: 'improvement', ...pair }));
    const top = better.results[0]!;
    expect(top.text).toBe('slant in [-0.8901, -0.1046]');
    expect([top.worse, top.better]).toEqual([5, 60]);
    expect(top.effect).toBeCloseTo(-55 / 800, 12);
    expect(top.hi).toBeLessThan(0);
    expect(top.q).toBeLessThan(0.05);
    expect(top.versions!.version.value).toBeLessThan(top.versions!.baseline.value);
  });

  it('stops between batches when cancelled', async () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../../../public/demo/flights.arrow', import.meta.url)),
    );
    const s = open('flights.arrow', bytes);
    const run = findSlices(
      s.dataset,
      req({ version: s.dataset.ev!.versions[0]!.name, maxConditions: 3, minSize: null }),
    );
    cancelSlices();
    const res = await run;
    // Either the search finished its first batch before the message, or it stopped early.
    if (!res.done) expect(res.cancelled).toBe(true);
  });
});
