export interface ClassSelection {
  /** The `top` classes with the most error mass, most first (ties: lower class index first). */
  top: number[];
  /** Every other class, ascending: shown together as "other". */
  other: number[];
  /** Error mass per class: off-diagonal counts in its row and its column, summed over A and B. */
  mass: Float64Array;
}

/**
 * Which classes to show when there are too many (100+) for a readable matrix. A class's error
 * mass counts both its misses (row) and the rows wrongly given it (column), in either version,
 * so a class that only B started confusing is still picked.
 */
export function topClassesByErrorMass(
  confA: Float64Array,
  confB: Float64Array,
  k: number,
  top: number,
): ClassSelection {
  if (confA.length !== k * k || confB.length !== k * k) throw new RangeError(`not ${k}×${k}`);
  const mass = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) {
      if (r === c) continue;
      const v = confA[r * k + c]! + confB[r * k + c]!;
      mass[r]! += v;
      mass[c]! += v;
    }
  }
  const order = Array.from({ length: k }, (_, i) => i);
  order.sort((x, y) => mass[y]! - mass[x]! || x - y);
  const chosen = order.slice(0, Math.max(0, Math.min(top, k)));
  const other = order.slice(chosen.length).sort((x, y) => x - y);
  return { top: chosen, other, mass };
}

/**
 * Collapses a k×k matrix onto the chosen classes plus one trailing "other" class (when any class
 * is left out): size = top.length + (others ? 1 : 0), returned with its row-major counts.
 */
export function groupMatrix(
  m: Float64Array,
  k: number,
  top: readonly number[],
): { size: number; matrix: Float64Array } {
  if (m.length !== k * k) throw new RangeError(`matrix is not ${k}×${k}`);
  const slot = new Int32Array(k).fill(top.length);
  top.forEach((c, i) => (slot[c] = i));
  const size = top.length + (top.length < k ? 1 : 0);
  const matrix = new Float64Array(size * size);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) matrix[slot[r]! * size + slot[c]!]! += m[r * k + c]!;
  }
  return { size, matrix };
}
