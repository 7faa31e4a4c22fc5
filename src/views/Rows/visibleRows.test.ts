import { describe, expect, it } from 'vitest';
import { visibleRows } from './useScaledVirtualizer';

/**
 * The rows a viewport [offset, offset + outer) meets, found by walking every row's box (what a
 * virtualizer that keeps a position per row does), plus 8 rows of overscan either side.
 */
function walk(count: number, h: number, offset: number, outer: number): number[] {
  if (count === 0) return [];
  let first = 0;
  for (let i = 0; i < count; i++) if (i * h <= offset) first = i;
  let end = first;
  while (end < count - 1 && (end + 1) * h < offset + outer) end++;
  const out: number[] = [];
  for (let i = Math.max(0, first - 8); i <= Math.min(count - 1, end + 8); i++) out.push(i);
  return out;
}

describe('visible rows by arithmetic', () => {
  it('equals walking every row, at the edges and inside', () => {
    const cases: [number, number, number, number][] = [
      [0, 30, 0, 600],
      [1, 30, 0, 600],
      [5, 30, 0, 600],
      [1000, 30, 0, 600],
      [1000, 30, 29.5, 600],
      [1000, 30, 30, 600],
      [1000, 30, 12_345, 617],
      [1000, 30, 30_000 - 600, 600],
      [1000, 30, 40_000, 600], // past the end: the last rows
      [1000, 28, 1234.75, 0.5],
    ];
    // Plus some drawn at random (a fixed seed: the same cases every run).
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 200; k++) {
      const count = Math.floor(rnd() * 3000);
      const h = 10 + Math.floor(rnd() * 40);
      cases.push([count, h, rnd() * count * h * 1.1, rnd() * 900]);
    }
    for (const [count, h, offset, outer] of cases) {
      const got = visibleRows(count, h, offset, outer);
      expect(got.map((r) => r.index)).toEqual(walk(count, h, offset, outer));
      for (const r of got) expect([r.key, r.start]).toEqual([r.index, r.index * h]);
    }
  });

  it('costs the same at ten million rows as at a thousand (nothing per row)', () => {
    // 900 px from row 5,000,000's top: rows 5,000,000 to 5,000,029 (its end is the viewport's).
    const rows = visibleRows(10_000_000, 30, 150_000_000, 900);
    expect(rows[0]!.index).toBe(5_000_000 - 8);
    expect(rows[rows.length - 1]!.index).toBe(5_000_029 + 8);
    expect(rows).toHaveLength(30 + 16);
  });
});
