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
  it('the same request is answered from the cache; a threshold edit recomputes', async () => {
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
    expect((await after).rows).toEqual((await first).rows); // same threshold: same numbers
  });

  it('a long bootstrap gives way: a message sent after it starts is handled before it ends', async () => {
    const s = openWide();
    const api = compareApi(s);
    const order: string[] = [];
    const long = api
      .compare({ baseline: 'v1', cohorts: [], resamples: 2000, seed: 5 })
      .then(() => order.push('compare'));
    const ch = new MessageChannel();
    const other = new Promise<void>((resolve) => {
      ch.port1.onmessage = () => {
        order.push('other request');
        ch.port1.close();
        resolve();
      };
    });
    ch.port2.postMessage(null);
    await Promise.all([long, other]);
    expect(order).toEqual(['other request', 'compare']);
  });
});
