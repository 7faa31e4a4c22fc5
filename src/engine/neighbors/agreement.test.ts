import { describe, expect, it } from 'vitest';
import { labelAgreement, rankSuspects, scanCap, sharedNeighbours } from './agreement';
import { sampleRows, validRows } from './sample';

describe('neighbour-label agreement', () => {
  it('counts neighbours with another label, ignores unlabelled ones, finds the majority', () => {
    const label = Int32Array.from([0, 1, 1, -1, 2, 1]);
    const a = labelAgreement(Int32Array.from([1, 2, 3, 4, 5]), label, 0, 3);
    expect(a).toMatchObject({ labelled: 4, different: 4, majority: 1, majorityCount: 3 });
    expect(a).toMatchObject({ other: 1, otherCount: 3 });
    const b = labelAgreement(Int32Array.from([1, 4]), label, 1, 3);
    expect(b).toMatchObject({ labelled: 2, different: 1, majority: 1, majorityCount: 1 });
    expect(b).toMatchObject({ other: 2, otherCount: 1 });
  });

  it('lists a row only when a strict majority of its neighbours holds one other label', () => {
    // d00066 of the digits demo: label 2, six neighbours split 3–3 between 2 and 3.
    const suspect = (row: number, neighbours: number[]) => {
      const a = labelAgreement(
        Int32Array.from(neighbours.keys()),
        Int32Array.from(neighbours),
        2,
        10,
      );
      return { ...a, row, label: 2, share: a.different / a.labelled };
    };
    const tie = suspect(0, [2, 2, 2, 3, 3, 3]);
    expect(tie.majority).toBe(2); // the old "neighbours say 2"
    const split = suspect(1, [3, 3, 1, 1, 2, 2]); // 4 of 6 disagree, but over two labels
    const clear = suspect(2, [3, 3, 3, 3, 2, 1]);
    const weak = suspect(3, [3, 3, 3, 3, 2, 2, 2]); // 4 of 7 say 3
    const ranked = rankSuspects([tie, split, clear, weak], 10);
    expect(ranked.map((r) => [r.row, r.other, r.otherCount])).toEqual([
      [2, 3, 4],
      [3, 3, 4],
    ]);
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
