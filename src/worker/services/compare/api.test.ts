import { describe, expect, it } from 'vitest';
import { Session } from '../../session/session';
import { compareApi } from './api';
import { files } from '../../../test/fixtures';

function openBinary() {
  const s = new Session();
  const r = s.openBytes(files('features.arrow', 'preds_v1.arrow', 'preds_v2.arrow'));
  s.analyse(r.summary!.inferred);
  return { s, inferred: r.summary!.inferred };
}

/**
 * v2's accuracy at threshold t, counted from the joined label and score arrays (the fixture's
 * preds_v2 repeats two ids, which the join resolves; counting after it keeps the same rows).
 */
function accuracyAt(s: Session, t: number): number {
  const ev = s.dataset.ev!;
  const label = ev.label!;
  const score = ev.versions.find((v) => v.name === 'v2')!.score!;
  const positive = ev.positive;
  let n = 0;
  let ok = 0;
  for (let i = 0; i < label.length; i++) {
    const l = label[i]!;
    const x = score[i]!;
    if (l < 0 || Number.isNaN(x)) continue;
    n++;
    if (x >= t === (l === positive)) ok++;
  }
  return ok / n;
}

const REQ = { baseline: 'v1', cohorts: [], resamples: 0, seed: 3 };
const v2 = (r: Awaited<ReturnType<ReturnType<typeof compareApi>['compare']>>) =>
  r.rows.find((x) => x.version === 'v2')!;

describe('Compare results are cached by dataset, cohort, roles and thresholds', () => {
  it('returning to a request, or to a threshold seen before, is a lookup (the same numbers object)', async () => {
    const { s } = openBinary();
    const api = compareApi(s);
    const first = await api.compare(REQ);
    expect(v2(await api.compare({ ...REQ })).metrics).toBe(v2(first).metrics);
    s.setThresholds({ v2: 0.3 });
    await api.compare(REQ);
    s.setThresholds({});
    expect(v2(await api.compare(REQ)).metrics).toBe(v2(first).metrics);
  });

  it('an entry is not reused after a threshold change: accuracy follows the new threshold', async () => {
    const { s } = openBinary();
    const api = compareApi(s);
    const before = await api.compare(REQ);
    s.setThresholds({ v2: 0.3 });
    const after = await api.compare(REQ);
    expect(v2(after).metrics).not.toBe(v2(before).metrics);
    expect(v2(after).metrics.accuracy!.value).toBeCloseTo(accuracyAt(s, 0.3), 12);
    expect(v2(after).metrics.accuracy!.value).not.toBeCloseTo(
      v2(before).metrics.accuracy!.value,
      6,
    );
  });

  it('an entry is not reused after a role change', async () => {
    const { s, inferred } = openBinary();
    const api = compareApi(s);
    const before = await api.compare(REQ);
    // v2 now reads v1's columns: its numbers must become v1's.
    const swapped = {
      ...inferred,
      versions: [inferred.versions[0]!, { ...inferred.versions[0]!, name: 'v2' }],
    };
    s.analyse(swapped);
    const after = await api.compare(REQ);
    expect(v2(after).metrics).not.toBe(v2(before).metrics);
    expect(v2(after).metrics.auc!.value).toBe(
      after.rows.find((x) => x.version === 'v1')!.metrics.auc!.value,
    );
    expect(v2(after).metrics.auc!.value).not.toBe(v2(before).metrics.auc!.value);
  });

  it('a superseded bootstrap stops; the newer one finishes', async () => {
    const { s } = openBinary();
    const api = compareApi(s);
    const old = api.compare({ ...REQ, resamples: 4000 });
    const newer = api.compare({ ...REQ, resamples: 4000, seed: 4 });
    await expect(old).rejects.toThrow(/cancelled/);
    const r = await newer;
    expect(v2(r).metrics.auc!.lo).toBeLessThan(v2(r).metrics.auc!.value);
  });

  it('a long bootstrap gives way: a message sent after it starts is handled before it ends', async () => {
    const { s } = openBinary();
    const api = compareApi(s);
    const order: string[] = [];
    const long = api
      .compare({ ...REQ, resamples: 4000, seed: 5 })
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

  it('a request carrying thresholds is answered under them (one round trip for an edit)', async () => {
    const { s } = openBinary();
    const api = compareApi(s);
    const edited = await api.compare({ ...REQ, thresholds: { v2: 0.3 } });
    // The session now holds them: its prepared predictions follow 0.3, as the page will show.
    expect(s.thresholdSettings()).toEqual({ v2: 0.3 });
    expect(v2(edited).metrics.accuracy!.value).toBeCloseTo(accuracyAt(s, 0.3), 12);
    // The page's own setThresholds that follows does not re-analyse: same arrays, same answer.
    const ev = s.dataset.ev;
    const analysis = s.setThresholds({ v2: 0.3 });
    expect(s.dataset.ev).toBe(ev);
    expect(analysis!.metrics).toEqual(s.setThresholds({ v2: 0.3 })!.metrics);
    // A different threshold does.
    s.setThresholds({ v2: 0.6 });
    expect(s.dataset.ev).not.toBe(ev);
    expect(v2(await api.compare(REQ)).metrics.accuracy!.value).toBeCloseTo(accuracyAt(s, 0.6), 12);
  });
});
