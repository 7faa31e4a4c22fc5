export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Extent of the points with a position (NaN coordinates are rows without a vector). */
export function layoutBounds(coords: Float32Array): Bounds & { valid: number } {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let valid = 0;
  for (let i = 0; i < coords.length; i += 2) {
    const x = coords[i]!;
    const y = coords[i + 1]!;
    if (x !== x || y !== y) continue;
    valid++;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (valid === 0) return { minX: 0, maxX: 1, minY: 0, maxY: 1, valid };
  return { minX, maxX, minY, maxY, valid };
}

/**
 * A uniform grid over the points (counting sort by cell): hover and click look at the few cells
 * around the cursor instead of a million points. Built once per layout.
 */
export interface PointGrid {
  size: number;
  minX: number;
  minY: number;
  cellW: number;
  cellH: number;
  /** Points of cell c are order[start[c] .. start[c + 1]). */
  start: Uint32Array;
  order: Uint32Array;
}

export function buildGrid(coords: Float32Array, b: Bounds): PointGrid {
  const n = coords.length >> 1;
  // About four points per cell on average; the cap keeps `start` small at any n.
  const size = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(n / 4))));
  const cellW = (b.maxX - b.minX || 1) / size;
  const cellH = (b.maxY - b.minY || 1) / size;
  const cellOf = new Int32Array(n);
  const start = new Uint32Array(size * size + 1);
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i]!;
    const y = coords[2 * i + 1]!;
    if (x !== x || y !== y) {
      cellOf[i] = -1;
      continue;
    }
    const cx = Math.min(size - 1, Math.floor((x - b.minX) / cellW));
    const cy = Math.min(size - 1, Math.floor((y - b.minY) / cellH));
    const c = cy * size + cx;
    cellOf[i] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c < size * size; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, size * size);
  const order = new Uint32Array(start[size * size]!);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i]!;
    if (c >= 0) order[fill[c]!++] = i;
  }
  return { size, minX: b.minX, minY: b.minY, cellW, cellH, start, order };
}

/** The point nearest to (x, y) within radius r (data units), or -1; ties → lower index. */
export function nearestInGrid(
  g: PointGrid,
  coords: Float32Array,
  x: number,
  y: number,
  r: number,
): number {
  const clampCell = (v: number) => Math.max(0, Math.min(g.size - 1, Math.floor(v)));
  const x0 = clampCell((x - r - g.minX) / g.cellW);
  const x1 = clampCell((x + r - g.minX) / g.cellW);
  const y0 = clampCell((y - r - g.minY) / g.cellH);
  const y1 = clampCell((y + r - g.minY) / g.cellH);
  let best = -1;
  let bestD = r * r;
  for (let cy = y0; cy <= y1; cy++) {
    for (let cx = x0; cx <= x1; cx++) {
      const c = cy * g.size + cx;
      for (let p = g.start[c]!; p < g.start[c + 1]!; p++) {
        const i = g.order[p]!;
        const dx = coords[2 * i]! - x;
        const dy = coords[2 * i + 1]! - y;
        const d = dx * dx + dy * dy;
        if (d < bestD || (d === bestD && (best < 0 || i < best))) {
          best = i;
          bestD = d;
        }
      }
    }
  }
  return best;
}

/**
 * The keyboard cursor's next point: from point `from`, the nearest point in direction (dx, dy)
 * (a unit step in data space, e.g. [0, 1] for up). Points within 45° of the direction come first
 * (nearest by distance); when there is none, the nearest point ahead at all (positive
 * projection), weighted against sideways drift; -1 when nothing lies ahead. Searches rings of
 * grid cells outward, stopping once no nearer cell remains. Ties → lower index.
 */
export function nearestInDirection(
  g: PointGrid,
  coords: Float32Array,
  from: number,
  dx: number,
  dy: number,
): number {
  const ox = coords[2 * from]!;
  const oy = coords[2 * from + 1]!;
  if (ox !== ox || oy !== oy) return -1;
  const clampCell = (v: number) => Math.max(0, Math.min(g.size - 1, Math.floor(v)));
  const cx0 = clampCell((ox - g.minX) / g.cellW);
  const cy0 = clampCell((oy - g.minY) / g.cellH);
  const minCell = Math.min(g.cellW, g.cellH);
  let cone = -1;
  let coneD = Infinity;
  let ahead = -1;
  let aheadScore = Infinity;
  const visit = (c: number) => {
    for (let p = g.start[c]!; p < g.start[c + 1]!; p++) {
      const i = g.order[p]!;
      if (i === from) continue;
      const px = coords[2 * i]! - ox;
      const py = coords[2 * i + 1]! - oy;
      const along = px * dx + py * dy;
      if (!(along > 0)) continue;
      const side = Math.abs(px * dy - py * dx);
      const d = px * px + py * py;
      if (side <= along) {
        if (d < coneD || (d === coneD && i < cone)) [cone, coneD] = [i, d];
      } else {
        const score = along + 2 * side;
        if (score < aheadScore || (score === aheadScore && i < ahead))
          [ahead, aheadScore] = [i, score];
      }
    }
  };
  for (let r = 0; r < g.size; r++) {
    // Every point of ring r is at least (r − 1) cells away: none can beat a nearer cone hit.
    const bound = Math.max(0, r - 1) * minCell;
    if (cone >= 0 && bound * bound > coneD) break;
    for (let cy = cy0 - r; cy <= cy0 + r; cy++) {
      if (cy < 0 || cy >= g.size) continue;
      const edge = cy === cy0 - r || cy === cy0 + r;
      for (let cx = cx0 - r; cx <= cx0 + r; cx += edge || r === 0 ? 1 : 2 * r) {
        if (cx >= 0 && cx < g.size) visit(cy * g.size + cx);
      }
    }
  }
  return cone >= 0 ? cone : ahead;
}
