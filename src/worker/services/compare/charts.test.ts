import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { Session } from '../../session/session';
import { calibrationCurves, scoreDensity, scoreDistributions } from './charts';
import { matchPoint, operatingPoints } from './operatingPoints';
import type { Predicate } from '../../../shared/predicate';

// The flights demo: 30,000 real rows, binary, two scores. Expected values are counted here from
// arrow-js row reads, independently of the engine's binning.
const url = new URL('../../../../public/demo/flights.arrow', import.meta.url);
const bytes = new Uint8Array(readFileSync(url));
const table = tableFromIPC(bytes);
const col = (name: string) =>
  Array.from({ length: table.numRows }, (_, i) => table.getChild(name)!.get(i));
const s1 = col('score_v1') as number[];
const s2 = col('score_v2') as number[];
const delayed = col('delayed') as number[];
const hour = col('dep_hour') as number[];

function open() {
  const s = new Session();
  const r = s.openBytes([{ name: 'flights.arrow', bytes }]);
  s.analyse(r.summary!.inferred);
  return s.dataset;
}

/** Bin of v among edges by a plain search: [e_b, e_b+1), the last bin closed. */
function binOf(v: number, edges: number[]): number {
  const last = edges.length - 2;
  if (v === edges[last + 1]) return last;
  for (let b = 0; b <= last; b++) if (v >= edges[b]! && v < edges[b + 1]!) return b;
  return -1;
}

const evening: Predicate = { op: 'range', column: 'dep_hour', min: 20, max: null };
const inEvening = (i: number) => hour[i]! >= 20;

describe('scoreDistributions', () => {
  const d = open();
  const res = scoreDistributions(d, { cohort: evening, bins: 28 });

  it('bins probabilities from 0 to the tenth above the largest score', () => {
    expect(res.kind).toBe('score');
    expect(res.edges).toHaveLength(29);
    expect(res.edges[0]).toBe(0);
    // v2's largest score is 0.667 (public/demo/README.md): the axis ends at 0.7.
    expect(Math.max(...s2)).toBeLessThan(0.7);
    expect(res.edges[28]).toBeCloseTo(0.7, 12);
  });

  it('counts every row of each version, overall and in the cohort, as an independent count does', () => {
    for (const [k, scores] of [s1, s2].entries()) {
      const all = new Array<number>(28).fill(0);
      const cohort = new Array<number>(28).fill(0);
      scores.forEach((s, i) => {
        const b = binOf(s, res.edges);
        all[b]!++;
        if (inEvening(i)) cohort[b]!++;
      });
      const v = res.versions[k]!;
      expect(v.version).toBe(`v${k + 1}`);
      expect(v.all).toEqual(all);
      expect(v.cohort).toEqual(cohort);
      expect(v.nAll).toBe(30000);
      expect(v.nCohort).toBe(hour.filter((h) => h >= 20).length);
    }
  });

  it('stretches the axis to a threshold drawn on it', () => {
    const r = scoreDistributions(d, { cohort: null, bins: 10, include: [0.85] });
    expect(r.edges[10]).toBeCloseTo(0.9, 12);
    expect(r.versions[0]!.cohort).toBeNull();
  });
});

describe('scoreDensity', () => {
  it('counts (v1 bin, v2 bin) pairs in the cohort', () => {
    const r = scoreDensity(open(), { cohort: evening, a: 'v1', b: 'v2', bins: 14 });
    const want = new Array<number>(14 * 14).fill(0);
    s1.forEach((a, i) => {
      if (inEvening(i)) want[binOf(a, r.edges) * 14 + binOf(s2[i]!, r.edges)]!++;
    });
    expect(r.counts).toEqual(want);
    expect(r.n).toBe(hour.filter((h) => h >= 20).length);
  });
});

describe('calibrationCurves', () => {
  it("gives each version's reliability bins and ECE", () => {
    const r = calibrationCurves(open(), { cohort: null, bins: 10 });
    expect(r.kind).toBe('binary');
    const count = new Array<number>(10).fill(0);
    const conf = new Array<number>(10).fill(0);
    const pos = new Array<number>(10).fill(0);
    s2.forEach((s, i) => {
      const b = Math.min(9, Math.floor(s * 10));
      count[b]!++;
      conf[b]! += s;
      pos[b]! += delayed[i]!;
    });
    let ece = 0;
    for (let b = 0; b < 10; b++) if (count[b]) ece += Math.abs(pos[b]! - conf[b]!) / 30000;
    const v2 = r.versions[1]!;
    expect(v2.count).toEqual(count);
    expect(v2.ece).toBeCloseTo(ece, 10);
  });
});

describe('operating points', () => {
  const d = open();
  it('counts alerts and outcomes at each threshold', () => {
    const r = operatingPoints(d, { cohort: null, thresholds: { v1: 0.3, v2: 0.3 } });
    const tp = s1.filter((s, i) => s >= 0.3 && delayed[i] === 1).length;
    const fp = s1.filter((s, i) => s >= 0.3 && delayed[i] === 0).length;
    expect(r.versions[0]).toMatchObject({ version: 'v1', tp, fp, alerts: tp + fp });
  });

  it("matches v2's false positives to v1's at 0.3", () => {
    const m = matchPoint(d, {
      cohort: null,
      baseline: 'v1',
      other: 'v2',
      by: 'fpr',
      thresholds: { v1: 0.3 },
    });
    const fp1 = s1.filter((s, i) => s >= 0.3 && delayed[i] === 0).length;
    const fp2 = s2.filter((s, i) => s >= m.threshold && delayed[i] === 0).length;
    expect(m.target).toBe(fp1);
    expect(m.achieved).toBe(fp2);
    expect(m.matched.fp).toBe(fp2);
    // Distinct scores are dense enough that the match is within a couple of rows.
    expect(Math.abs(fp2 - fp1)).toBeLessThanOrEqual(2);
  });
});
