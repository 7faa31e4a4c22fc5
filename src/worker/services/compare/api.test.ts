import { describe, expect, it } from 'vitest';
import { Session } from '../../session/session';
import { compareApi } from './api';
import { gateAll } from '../../gate';
import { leftCompare, pageWaits, waitingStarted } from './waiting';
import { enqueue } from '../../scheduler';
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

describe('a threshold edit answered by the Compare request alone (issue 15)', () => {
  /** Plain counts at the thresholds: v2 (and v1 when given) predict score ≥ t. */
  function counted(s: Session, thr: Record<string, number>) {
    const ev = s.dataset.ev!;
    const label = ev.label!;
    const p = ev.positive;
    const predOf = (name: string) => {
      const v = ev.versions.find((x) => x.name === name)!;
      const t = thr[name];
      return (i: number) => {
        if (t === undefined) return v.pred![i]!; // the file's own prediction column
        const x = v.score![i]!;
        return Number.isNaN(x) ? -1 : x >= t ? p : 1 - p;
      };
    };
    const a = predOf('v1');
    const b = predOf('v2');
    const cm = [0, 0, 0, 0];
    let c2w = 0;
    let w2c = 0;
    for (let i = 0; i < label.length; i++) {
      const l = label[i]!;
      if (l < 0 || b(i) < 0) continue;
      cm[l * 2 + b(i)]!++;
      if (a(i) < 0) continue;
      if (a(i) === l && b(i) !== l) c2w++;
      if (a(i) !== l && b(i) === l) w2c++;
    }
    const n = cm[0]! + cm[1]! + cm[2]! + cm[3]!;
    const f1 = (c: number) => {
      const tp = cm[c * 2 + c]!;
      return (2 * tp) / (cm[c * 2]! + cm[c * 2 + 1]! + cm[c]! + cm[2 + c]!);
    };
    return { accuracy: (cm[0]! + cm[3]!) / n, macroF1: (f1(0) + f1(1)) / 2, c2w, w2c };
  }

  it('points, flips and McNemar equal a fresh session at those thresholds and a plain count', async () => {
    const { s } = openBinary();
    const api = compareApi(s);
    await api.compare(REQ);
    const edits: Record<string, number>[] = [
      { v2: 0.3 },
      { v1: 0.45, v2: 0.3 },
      { v1: 0.45, v2: 0.62 },
      { v2: 0.3 },
    ];
    for (const thr of edits) {
      const edited = await api.compare({ ...REQ, thresholds: thr });
      const fresh = openBinary().s;
      fresh.setThresholds(thr);
      const independent = await compareApi(fresh).compare(REQ);
      expect(edited.rows).toEqual(independent.rows);
      expect(edited.flips).toEqual(independent.flips);
      const c = counted(s, thr);
      expect(v2(edited).metrics.accuracy!.value).toBeCloseTo(c.accuracy, 12);
      expect(v2(edited).metrics.macroF1!.value).toBeCloseTo(c.macroF1, 12);
      const f = edited.flips.find((x) => x.version === 'v2')!;
      expect([f.correctToWrong, f.wrongToCorrect]).toEqual([c.c2w, c.w2c]);
      // The analysis the page asks for next equals a fresh one at the same thresholds.
      expect(s.setThresholds(thr)!.metrics).toEqual(fresh.setThresholds(thr)!.metrics);
    }
  });
});

describe('leaving Compare (issue 15)', () => {
  it("drops the panels' requests still queued, answers those sent after, keeps the rest", async () => {
    const { s } = openBinary();
    const api = gateAll(s, compareApi(s), new Map());
    const req = { cohort: null, a: 'v1', b: 'v2', top: 20 };
    // As the page sends them: the panels' requests, then (in the same task, before any turn)
    // the view unmounts: leaveCompare is acted on at once, the queued panel reads are dropped.
    const stale = api.confusion(req);
    const points = api.compare(REQ);
    api.leaveCompare();
    await expect(stale).rejects.toThrow(/cancelled/);
    // The headline request is not a panel read (it also carries the thresholds): it runs.
    expect(v2(await points).metrics.accuracy!.value).toBeCloseTo(accuracyAt(s, 0.5), 12);
    // Back on Compare: the same request is answered, with a real matrix of the rows.
    const fresh = await api.confusion(req);
    const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
    expect(fresh.n).toBeGreaterThan(0);
    expect(sum(fresh.a)).toBe(fresh.n);
    expect(sum(fresh.b)).toBe(fresh.n);
  });
});

describe('whether the page waits for the bootstrap', () => {
  it('an intervals request still queued when the page left does not count', async () => {
    const { s } = openBinary();
    const api = gateAll(s, compareApi(s), new Map());
    // Sent before leaving, started after: its answer goes nowhere, so nobody waits for it,
    // neither while it runs nor after.
    const stale = api.compare({ ...REQ, resamples: 40 });
    api.leaveCompare();
    await new Promise((r) => setTimeout(r, 0));
    expect(pageWaits()).toBe(false);
    await stale;
    expect(pageWaits()).toBe(false);
  });

  it('counts requests started after the page came back, until each is answered', async () => {
    leftCompare();
    const order: boolean[] = [];
    let answer!: () => void;
    // As api.ts does it, in the request's turn; a request that arrived before a later leave
    // is not counted when its turn comes.
    const first = enqueue('compare', async () => {
      answer = waitingStarted();
      order.push(pageWaits());
    });
    await first;
    const queuedBeforeLeave = enqueue('compare', async () => {
      waitingStarted();
      order.push(pageWaits());
    });
    leftCompare();
    await queuedBeforeLeave;
    answer();
    order.push(pageWaits());
    expect(order).toEqual([true, false, false]);
  });
});

describe('threshold edits patched over the rows between thresholds (issue 15)', () => {
  it('a random sequence of edits (ties at the threshold, cohorts) equals fresh sessions', async () => {
    const { s } = openBinary();
    const api = compareApi(s);
    // Let the warm-up derive the default predictions and their flips (the first edit patches them).
    await new Promise((res) => setTimeout(res, 50));
    const ev = s.dataset.ev!;
    // Thresholds on the scores themselves (a row ties with the threshold at every edit), moved a
    // few scores at a time as typing does, so most edits patch the last predictions and flips.
    const sortedScores = (name: string) => {
      const v = ev.versions.find((x) => x.name === name)!;
      return Array.from(new Set(v.score!))
        .filter((x) => x === x)
        .sort((a, b) => a - b);
    };
    let seed = 9;
    const rand = (k: number) => {
      seed = (seed * 16807) % 2147483647;
      return seed % k;
    };
    const at: Record<string, number> = { v1: 150, v2: 150 };
    const pick = (name: string) => {
      const all = sortedScores(name);
      at[name] = Math.max(0, Math.min(all.length - 1, at[name]! + rand(41) - 20));
      return all[at[name]!]!;
    };
    const cohorts = [
      {
        id: 'y',
        name: 'young',
        predicate: { op: 'range' as const, column: 'age', min: 0, max: 40 },
      },
      {
        id: 'p',
        name: 'v2 says yes',
        predicate: { op: 'predicted' as const, version: 'v2', values: [ev.classes[ev.positive]!] },
      },
    ];
    let thr: Record<string, number> = {};
    for (let step = 0; step < 15; step++) {
      // Mostly v2 alone (typing), sometimes v1, sometimes both.
      const u = step % 5;
      thr =
        u < 3
          ? { ...thr, v2: pick('v2') }
          : u === 3
            ? { ...thr, v1: pick('v1') }
            : { v1: pick('v1'), v2: pick('v2') };
      const req = { ...REQ, cohorts, thresholds: thr };
      const edited = await api.compare(req);
      const fresh = openBinary().s;
      fresh.setThresholds(thr);
      const independent = await compareApi(fresh).compare({ ...REQ, cohorts });
      expect(edited.rows).toEqual(independent.rows);
      expect(edited.flips).toEqual(independent.flips);
      expect(edited.errors).toEqual([]);
    }
  });
});
