// A lasso on the map as SQL over every row (engine/projection/polygon.ts's even–odd rule): a
// row is inside when an odd number of the polygon's edges cross the horizontal ray to its right.
// The edges are a VALUES list joined to the rows inside the polygon's bounding box, so any
// number of vertices costs one statement; the arithmetic is the engine's, in DOUBLE.
import { int, num } from './quote';

/**
 * Row indices `r` (from `inner`, a SELECT of `r`, `x`, `y` and the columns `carry`) inside
 * `polygon` ([x0, y0, x1, …]), with the `carry` columns (read in the same scan). Rows with a
 * NULL position fail every comparison, as NaN does in the tab.
 */
export function insidePolygonSql(
  inner: string,
  polygon: ArrayLike<number>,
  carry: string[] = [],
): string | null {
  const m = polygon.length >> 1;
  if (m < 3) return null;
  const xs = Array.from({ length: m }, (_, k) => Number(polygon[2 * k]));
  const ys = Array.from({ length: m }, (_, k) => Number(polygon[2 * k + 1]));
  if ([...xs, ...ys].some((v) => !Number.isFinite(v))) return null;
  // Edge (a, b) with b the vertex before a, as the engine walks them.
  const edges = xs.map((_, a) => {
    const b = a === 0 ? m - 1 : a - 1;
    return `(${num(xs[a]!)}, ${num(ys[a]!)}, ${num(xs[b]!)}, ${num(ys[b]!)})`;
  });
  const box =
    `x >= ${num(Math.min(...xs))} AND x <= ${num(Math.max(...xs))} AND ` +
    `y >= ${num(Math.min(...ys))} AND y <= ${num(Math.max(...ys))}`;
  const keep = ['r', ...carry].join(', ');
  return (
    `SELECT ${keep} FROM (SELECT ${keep}, CAST(x AS DOUBLE) AS x, CAST(y AS DOUBLE) AS y FROM (${inner}) q WHERE ${box}) p ` +
    `CROSS JOIN (VALUES ${edges.join(', ')}) e(xa, ya, xb, yb) ` +
    `WHERE (ya > y) <> (yb > y) AND x < (xb - xa) * (y - ya) / (yb - ya) + xa ` +
    `GROUP BY ${keep} HAVING count(*) % ${int(2)} = 1`
  );
}
