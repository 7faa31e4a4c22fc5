/**
 * Rows whose 2-D position lies inside a polygon (flat [x0, y0, x1, y1, …] in layout
 * coordinates), by the even–odd rule; a bounding-box test first keeps the scan cheap.
 */
export function pointsInPolygon(coords: Float32Array, polygon: ArrayLike<number>): Int32Array {
  const m = polygon.length >> 1;
  if (m < 3) return new Int32Array(0);
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < m; k++) {
    px[k] = polygon[2 * k]!;
    py[k] = polygon[2 * k + 1]!;
    minX = Math.min(minX, px[k]!);
    maxX = Math.max(maxX, px[k]!);
    minY = Math.min(minY, py[k]!);
    maxY = Math.max(maxY, py[k]!);
  }
  const n = coords.length >> 1;
  const hits: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i]!;
    const y = coords[2 * i + 1]!;
    // NaN fails every comparison, so rows without a position drop out here.
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    let inside = false;
    for (let a = 0, b = m - 1; a < m; b = a++) {
      const ya = py[a]!;
      const yb = py[b]!;
      if (ya > y !== yb > y && x < ((px[b]! - px[a]!) * (y - ya)) / (yb - ya) + px[a]!) {
        inside = !inside;
      }
    }
    if (inside) hits.push(i);
  }
  return Int32Array.from(hits);
}
