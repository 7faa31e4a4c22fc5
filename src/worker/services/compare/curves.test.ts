import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../session/session';
import { files, fixtureTable } from '../../../test/fixtures';
import type { Predicate } from '../../../shared/predicate';
import { compareVersions } from './compare';
import { rocPrCurves } from './curves';
import { matchPoint, operatingPoints } from './operatingPoints';

function open(bytes: { name: string; bytes: Uint8Array }[]) {
  const s = new Session();
  const r = s.openBytes(bytes);
  s.analyse(r.summary!.inferred);
  return s.dataset;
}

const flights = [
  {
    name: 'flights.arrow',
    bytes: new Uint8Array(
      readFileSync(new URL('../../../../public/demo/flights.arrow', import.meta.url)),
    ),
  },
];
const evening: Predicate = { op: 'range', column: 'dep_hour', min: 20, max: null };

describe('rocPrCurves on the flights demo (binary)', () => {
  const d = open(flights);
  const thresholds = { v1: 0.3, v2: 0.35 };
  const req = { cohort: evening, thresholds, baseline: 'v1', points: 300 };
  const res = rocPrCurves(d, req);

  it('areas equal the Compare table’s ROC-AUC and PR-AUC for the same cohort', async () => {
    const table = await compareVersions(d, {
      baseline: 'v1',
      cohorts: [{ id: 'eve', name: 'Evening', predicate: evening }],
      resamples: 0,
      seed: 1,
    });
    expect(res.kind).toBe('binary');
    expect(res.positive).toBe('1');
    for (const v of res.versions) {
      const row = table.rows.find((r) => r.cohortId === 'eve' && r.version === v.version)!;
      expect(v.auc).toBeCloseTo(row.metrics.auc!.value, 12);
      expect(v.ap).toBeCloseTo(row.metrics.ap!.value, 12);
      expect(v.nPos + v.nNeg).toBe(row.evaluated);
    }
  });

  it('draws a few hundred points from (0,0) to (1,1), recall rising', () => {
    for (const v of res.versions) {
      expect(v.roc.x.length).toBeLessThanOrEqual(300);
      expect(v.roc.x.length).toBeGreaterThan(20);
      expect([v.roc.x[0], v.roc.y[0], v.roc.x.at(-1), v.roc.y.at(-1)]).toEqual([0, 0, 1, 1]);
      expect(v.pr.x.every((r, k) => k === 0 || r >= v.pr.x[k - 1]!)).toBe(true);
    }
  });

  it('marks each version’s threshold and the matched point as the operating point tools do', () => {
    const op = operatingPoints(d, { cohort: evening, thresholds });
    for (const v of res.versions) {
      const p = op.versions.find((x) => x.version === v.version)!;
      expect(v.chosen).toEqual({
        threshold: thresholds[v.version as 'v1' | 'v2'],
        fpr: p.fpr,
        tpr: p.tpr,
        precision: p.precision,
      });
    }
    const m = matchPoint(d, {
      cohort: evening,
      baseline: 'v1',
      other: 'v2',
      by: 'fpr',
      thresholds,
    });
    const v2 = res.versions.find((v) => v.version === 'v2')!;
    expect(v2.matched).toEqual({
      threshold: m.threshold,
      fpr: m.matched.fpr,
      tpr: m.matched.tpr,
      precision: m.matched.precision,
    });
    expect(res.versions.find((v) => v.version === 'v1')!.matched).toBeNull();
  });
});

describe('rocPrCurves on wide.arrow (3 classes): one-vs-rest', () => {
  const d = open(files('wide.arrow'));
  it('takes the chosen class as positive, with no thresholds to mark', () => {
    const res = rocPrCurves(d, {
      cohort: null,
      thresholds: {},
      baseline: 'v1',
      classIndex: 2,
      points: 200,
    });
    expect(res.kind).toBe('one-vs-rest');
    expect(res.classes).toEqual(['0', '1', '2']);
    expect(res.positive).toBe('2');
    const v = res.versions[0]!;
    expect(v.nPos + v.nNeg).toBe(500);
    expect(v.chosen).toBeNull();
    // Mann–Whitney by brute force over pairs, from arrow-js reads of the file.
    const t = fixtureTable('wide.arrow');
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < t.numRows; i++) {
      const p2 = (t.getChild('probs_v1')!.get(i) as { get(k: number): number }).get(2);
      (t.getChild('label')!.get(i) === 2 ? pos : neg).push(p2);
    }
    let won = 0;
    for (const a of pos) for (const b of neg) won += a > b ? 1 : a === b ? 0.5 : 0;
    expect([v.nPos, v.nNeg]).toEqual([pos.length, neg.length]);
    expect(v.auc).toBeCloseTo(won / (pos.length * neg.length), 12);
  });
});
