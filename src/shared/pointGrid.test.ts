import { describe, expect, it } from 'vitest';
import { buildGrid, layoutBounds, nearestInDirection } from './pointGrid';

const RIGHT: [number, number] = [1, 0];
const LEFT: [number, number] = [-1, 0];
const UP: [number, number] = [0, 1];
const DOWN: [number, number] = [0, -1];

function setup(points: [number, number][]) {
  const coords = new Float32Array(points.flat());
  return { coords, grid: buildGrid(coords, layoutBounds(coords)) };
}

describe('nearestInDirection', () => {
  // A plus shape around the origin (0), with a far point up-right and one point without position.
  //            3 (0,2)
  //   2 (-1,0) 0 (0,0) 1 (1,0)       5 (5,5)
  //            4 (0,-3)
  const { coords, grid } = setup([
    [0, 0],
    [1, 0],
    [-1, 0],
    [0, 2],
    [0, -3],
    [5, 5],
    [NaN, NaN],
  ]);
  const step = (from: number, [dx, dy]: [number, number]) =>
    nearestInDirection(grid, coords, from, dx, dy);

  it('moves to the nearest point within 45° of the arrow', () => {
    expect(step(0, RIGHT)).toBe(1);
    expect(step(0, LEFT)).toBe(2);
    expect(step(0, UP)).toBe(3);
    expect(step(0, DOWN)).toBe(4);
    // From (1, 0) up: (0, 2) is 27° off (sideways 1 ≤ ahead 2), distance √5; (5, 5) is 39° off,
    // distance √41. Both in the cone: the nearer wins.
    expect(step(1, UP)).toBe(3);
    // From (0, 2) right: (5, 5) is at 31° (dy 3 ≤ dx 5); (1, 0) is at 63°, outside the cone.
    expect(step(3, RIGHT)).toBe(5);
  });

  it('falls back to the nearest point ahead when the cone is empty', () => {
    // From (-1, 0) up: (0, 2) is at 27° → in the cone.
    expect(step(2, UP)).toBe(3);
    // From (0, -3) left: only (-1, 0) lies ahead (x < 0), at 72° from left: outside the cone.
    expect(step(4, LEFT)).toBe(2);
  });

  it('returns -1 when nothing lies ahead, and for a point without position', () => {
    expect(step(5, RIGHT)).toBe(-1);
    expect(step(5, UP)).toBe(-1);
    expect(step(6, RIGHT)).toBe(-1);
  });

  it('breaks ties by the lower index', () => {
    const t = setup([
      [0, 0],
      [1, 1],
      [1, -1],
    ]);
    // Both at 45° and distance √2 from the origin.
    expect(nearestInDirection(t.grid, t.coords, 0, 1, 0)).toBe(1);
  });

  it('finds the nearest on a large grid as a full scan does', () => {
    // 2,000 points on a deterministic spiral; a scan of every point is the reference.
    const pts: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const a = i * 2.399963;
      const r = Math.sqrt(i);
      pts.push([r * Math.cos(a), r * Math.sin(a)]);
    }
    const big = setup(pts);
    const brute = (from: number, dx: number, dy: number) => {
      let best = -1;
      let bestD = Infinity;
      let ahead = -1;
      let aheadScore = Infinity;
      for (let i = 0; i < pts.length; i++) {
        if (i === from) continue;
        const px = big.coords[2 * i]! - big.coords[2 * from]!;
        const py = big.coords[2 * i + 1]! - big.coords[2 * from + 1]!;
        const along = px * dx + py * dy;
        const d = px * px + py * py;
        const side = Math.abs(px * dy - py * dx);
        if (!(along > 0)) continue;
        if (side <= along && d < bestD) [best, bestD] = [i, d];
        if (side > along && along + 2 * side < aheadScore)
          [ahead, aheadScore] = [i, along + 2 * side];
      }
      return best >= 0 ? best : ahead;
    };
    for (const from of [0, 7, 500, 1234, 1999])
      for (const [dx, dy] of [RIGHT, LEFT, UP, DOWN])
        expect(nearestInDirection(big.grid, big.coords, from, dx, dy)).toBe(brute(from, dx, dy));
  });
});
