import { describe, expect, it } from 'vitest';
import { Session } from '../../session/session';
import { compareApi } from './api';
import { files } from '../../../test/fixtures';

function openWide() {
  const s = new Session();
  const r = s.openBytes(files('wide.arrow'));
  s.analyse(r.summary!.inferred);
  return s;
}

describe('compare answers are kept per request under the current roles and thresholds', () => {
  it('the same request is answered from the cache; a threshold edit recomputes', () => {
    const s = openWide();
    const api = compareApi(s);
    const req = { baseline: 'v1', cohorts: [], resamples: 50, seed: 3 };
    const first = api.compare(req);
    // The same object back (no recomputation), and a new request is computed afresh.
    expect(api.compare({ ...req })).toBe(first);
    expect(api.compare({ ...req, seed: 4 })).not.toBe(first);
    s.setThresholds({ v1: 0.5 });
    const after = api.compare(req);
    expect(after).not.toBe(first);
    expect(after.rows).toEqual(first.rows); // same threshold as before: same numbers
  });
});
