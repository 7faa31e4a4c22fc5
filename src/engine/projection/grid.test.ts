import { describe, expect, it } from 'vitest';
import { buildGrid, layoutBounds, nearestInGrid } from '../../shared/pointGrid';
import { pointsInPolygon } from './polygon';
import { seededRandom } from '../neighbors/sample';

describe('point grid and polygon selection', () => {
  const rand = seededRandom(5);
  const n = 3000;
  const coords = Float32Array.from({ length: 2 * n }, () => rand() * 10 - 5);
  coords[10] = NaN;
  coords[11] = NaN;

  it('finds the same nearest point as a scan of every point', () => {
    const g = buildGrid(coords, layoutBounds(coords));
    for (let t = 0; t < 200; t++) {
      const x = rand() * 12 - 6;
      const y = rand() * 12 - 6;
      const r = rand() * 0.5;
      let want = -1;
      let wantD = r * r;
      for (let i = 0; i < n; i++) {
        const d = (coords[2 * i]! - x) ** 2 + (coords[2 * i + 1]! - y) ** 2;
        if (d <= wantD && (want < 0 || d < wantD)) {
          want = i;
          wantD = d;
        }
      }
      expect(nearestInGrid(g, coords, x, y, r)).toBe(want);
    }
  });

  it('selects points inside a box and a concave polygon (even–odd), never NaN rows', () => {
    const box = [-1, -1, 2, -1, 2, 3, -1, 3];
    const inBox = pointsInPolygon(coords, box);
    const want: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = coords[2 * i]!;
      const y = coords[2 * i + 1]!;
      if (x > -1 && x < 2 && y > -1 && y < 3) want.push(i);
    }
    expect(Array.from(inBox)).toEqual(want);
    // A "V": the notch between the arms is outside.
    const v = [0, 0, 4, 0, 2, 2, 4, 4, 0, 4];
    const pts = Float32Array.from([1, 1, 3.5, 2, 1, 3, NaN, NaN, 5, 5]);
    expect(Array.from(pointsInPolygon(pts, v))).toEqual([0, 2]);
  });
});
