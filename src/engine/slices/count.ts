import type { BinnedFeature, Cell, Target } from './types';
import { OUT, SKIP } from './types';

// Counting passes over typed arrays: 4 accumulators per cell. Rate kinds: rows per outcome code
// (0, 1, 2, 3 = no outcome). Mean kinds: n, Σx, Σx², rows without an outcome.

export const STRIDE = 4;

function addRow(acc: Float64Array, o: number, c: number, x: Float64Array | null, i: number) {
  if (x === null) acc[o + c]!++;
  else if (c === 0) {
    const v = x[i]!;
    acc[o]!++;
    acc[o + 1]! += v;
    acc[o + 2]! += v * v;
  } else acc[o + 3]!++;
}

export function cellAt(acc: Float64Array, j: number, t: Target): Cell {
  const o = j * STRIDE;
  if (t.x === null) {
    return {
      n: acc[o]! + acc[o + 1]! + acc[o + 2]!,
      a: acc[o + 1]!,
      b: acc[o + 2]!,
      none: acc[o + 3]!,
    };
  }
  return { n: acc[o]!, a: acc[o + 1]!, b: acc[o + 2]!, none: acc[o + 3]! };
}

/** Every row in scope as one cell. */
export function totalCell(t: Target): Cell {
  const acc = new Float64Array(STRIDE);
  for (let i = 0; i < t.code.length; i++) {
    const c = t.code[i]!;
    if (c !== OUT) addRow(acc, 0, c, t.x, i);
  }
  return cellAt(acc, 0, t);
}

/** Per bin of one feature. */
export function countFeature(f: BinnedFeature, t: Target): Float64Array {
  const acc = new Float64Array(f.bins.length * STRIDE);
  const { codes } = f;
  for (let i = 0; i < codes.length; i++) {
    const c = t.code[i]!;
    const b = codes[i]!;
    if (c !== OUT && b !== SKIP) addRow(acc, b * STRIDE, c, t.x, i);
  }
  return acc;
}

/** Per (bin of f, bin of g): cell index bf · kg + bg. */
export function countPair(f: BinnedFeature, g: BinnedFeature, t: Target): Float64Array {
  const kg = g.bins.length;
  const acc = new Float64Array(f.bins.length * kg * STRIDE);
  const fc = f.codes;
  const gc = g.codes;
  for (let i = 0; i < fc.length; i++) {
    const c = t.code[i]!;
    const a = fc[i]!;
    const b = gc[i]!;
    if (c !== OUT && a !== SKIP && b !== SKIP) addRow(acc, (a * kg + b) * STRIDE, c, t.x, i);
  }
  return acc;
}

/**
 * Rate kinds, the hot path of level 2: f's bin and the outcome folded into one 16-bit code per
 * row once (bin · 4 + outcome), so each pair pass is two loads and one increment.
 */
export function foldedCodes(f: BinnedFeature, t: Target): Uint16Array {
  const out = new Uint16Array(f.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = t.code[i]!;
    const a = f.codes[i]!;
    out[i] = c === OUT || a === SKIP ? 0xffff : a * STRIDE + c;
  }
  return out;
}

/** countPair for rate kinds from foldedCodes(f): same cells, same layout. */
export function countPairFolded(folded: Uint16Array, kf: number, g: BinnedFeature): Float64Array {
  const kg = g.bins.length;
  const counts = new Int32Array(kg * kf * STRIDE);
  const gc = g.codes;
  const row = kf * STRIDE;
  for (let i = 0; i < gc.length; i++) {
    const x = folded[i]!;
    const b = gc[i]!;
    if (x !== 0xffff && b !== SKIP) counts[b * row + x]!++;
  }
  // Counted as (g bin, f bin, outcome); reorder to countPair's (f bin, g bin, outcome).
  const acc = new Float64Array(counts.length);
  for (let a = 0; a < kf; a++) {
    for (let b = 0; b < kg; b++) {
      for (let c = 0; c < STRIDE; c++) {
        acc[(a * kg + b) * STRIDE + c] = counts[b * row + a * STRIDE + c]!;
      }
    }
  }
  return acc;
}

/** Rows in scope that satisfy every (feature, bin) condition (at most 3, as slices). */
export function rowsOf(conds: [BinnedFeature, number][], t: Target): Uint32Array {
  // Unrolled: a per-row loop over the conditions costs more than the check itself.
  const none = new Uint8Array(0);
  const [c1, c2, c3] = conds;
  const a = c1?.[0].codes ?? none;
  const b = c2?.[0].codes ?? none;
  const c = c3?.[0].codes ?? none;
  const [ka, kb, kc] = [c1?.[1] ?? -1, c2?.[1] ?? -1, c3?.[1] ?? -1];
  const code = t.code;
  let out = new Uint32Array(1024);
  let m = 0;
  for (let i = 0; i < code.length; i++) {
    if (code[i] === OUT) continue;
    if (c1 && a[i] !== ka) continue;
    if (c2 && b[i] !== kb) continue;
    if (c3 && c[i] !== kc) continue;
    if (m === out.length) {
      const grown = new Uint32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[m++] = i;
  }
  return out.subarray(0, m);
}

/** Per bin of f over the given rows (refining a slice by one more condition). */
export function countOver(rows: Uint32Array, f: BinnedFeature, t: Target): Float64Array {
  const acc = new Float64Array(f.bins.length * STRIDE);
  const { codes } = f;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const b = codes[i]!;
    if (b !== SKIP) addRow(acc, b * STRIDE, t.code[i]!, t.x, i);
  }
  return acc;
}
