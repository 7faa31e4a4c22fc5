import { describe, expect, it } from 'vitest';
import { labelAgreement, rankSuspects, scanCap, sharedNeighbours } from './agreement';
import { sampleRows, validRows } from './sample';

describe('neighbour-label agreement', () => {
  it('counts neighbours with another label, ignores unlabelled ones, finds the majority', () => {
    const label = Int32Array.from([0, 1, 1, -1, 2, 1]);
    const a = labelAgreement(Int32Array.from([1, 2, 3, 4, 5]), label, 0, 3);
    expect(a).toEqual({ labelled: 4, different: 4, majority: 1, majorityCount: 3 });
    const b = labelAgreement(Int32Array.from([1, 4]), label, 1, 3);
    expect(b).toEqual({ labelled: 2, different: 1, majority: 1, majorityCount: 1 });
  });

  it('ranks the most contradicted rows first and drops rows all neighbours agree with', () => {
    const mk = (row: number, share: number, majorityCount: number) => ({
      row,
      label: 0,
      share,
      labelled: 10,
      different: Math.round(share * 10),
      majority: 1,
      majorityCount,
    });
    const ranked = rankSuspects([mk(0, 0.5, 5), mk(1, 0.9, 6), mk(2, 0.9, 9), mk(3, 0, 10)], 10);
    expect(ranked.map((r) => r.row)).toEqual([2, 1, 0]);
  });

  it('counts the neighbours two lists share', () => {
    expect(sharedNeighbours(Int32Array.from([1, 2, 3, 4]), Int32Array.from([4, 9, 1, 7]))).toBe(2);
    expect(sharedNeighbours(Int32Array.from([]), Int32Array.from([1]))).toBe(0);
  });

  it('caps the scan by work, samples reproducibly, keeps valid cohort rows only', () => {
    expect(scanCap(4000, 32)).toBe(5000);
    expect(scanCap(1_000_000, 128)).toBe(187);
    expect(scanCap(1_000_000, 16)).toBe(625);
    expect(scanCap(100_000_000, 128)).toBe(50);
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    const s = sampleRows(rows, 10, 1);
    expect(s.length).toBe(10);
    expect(Array.from(s)).toEqual(Array.from(sampleRows(rows, 10, 1)));
    expect(new Set(s).size).toBe(10);
    const norms = Float64Array.from([1, NaN, 2, 0]);
    expect(Array.from(validRows(norms, Uint8Array.from([1, 1, 0, 1])))).toEqual([0, 3]);
  });
});
