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

  it('regression mode needs a different baseline and reports negative flips', async () => {
    const s = open('wide.arrow');
    await expect(
      findSlices(s.dataset, req({ mode: 'regression', baseline: 'v2', version: 'v2' })),
    ).rejects.toThrow(/baseline/);
    const res = await findSlices(
      s.dataset,
      req({ mode: 'regression', version: 'v1', baseline: 'v2' }),
    );
    expect(res.measure).toBe('negative-flip rate');
    for (const r of res.results) expect(r.worse).toBeGreaterThan(r.better);
  });

  it('finds where the demo MLP (v2) breaks digits v1 had right: short bounding boxes', async () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../../../public/demo/digits.arrow', import.meta.url)),
    );
    const s = open('digits.arrow', bytes);
    const deep = await findSlices(
      s.dataset,
      req({ mode: 'regression', version: 'v2', baseline: 'v1', minSize: null, maxConditions: 3 }),
    );
    expect(deep.results[0]!.text).toBe('bbox_height in [10, 19]');
    // Only 28 negative flips in 4,000 rows: significant among the 27 one-condition slices, not
    // among the ~1,400 slices of a 3-condition search (the price of looking further).
    const shallow = await findSlices(
      s.dataset,
      req({ mode: 'regression', version: 'v2', baseline: 'v1', minSize: null, maxConditions: 1 }),
    );
    expect(shallow.results[0]!.text).toBe('bbox_height in [10, 19]');
    expect(shallow.results[0]!.q).toBeLessThan(0.05);
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
