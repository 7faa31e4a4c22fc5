import type { Column } from '../../data/types';
import type { BinDef, BinnedFeature } from './types';
import { SKIP } from './types';

/** Categories per feature that are candidates; the rest are skipped (said in the UI). */
export const MAX_CATEGORIES = 30;
/** Quantile edges come from at most this many values: exact enough, and no 1M-value sort. */
const QUANTILE_SAMPLE = 100_000;

/** A bin edge as the slice's text shows it (also the DuckDB server's, server/sql/sliceBins). */
export function formatValue(v: number, col: { kind: string; dateOnly?: boolean }): string {
  if (col.kind === 'timestamp') {
    const iso = new Date(v).toISOString();
    return col.dateOnly ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$/, 'Z');
  }
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

/** Quantile edges (deduplicated): bin j holds values in [edge[j-1], edge[j]). */
function quantileEdges(values: ArrayLike<number>, bins: number): Float64Array {
  const n = values.length;
  const step = Math.max(1, Math.floor(n / QUANTILE_SAMPLE));
  const sample = new Float64Array(Math.ceil(n / step));
  let m = 0;
  for (let i = 0; i < n; i += step) {
    const v = values[i]!;
    if (v === v) sample[m++] = v;
  }
  const sorted = sample.subarray(0, m).sort();
  const edges: number[] = [];
  for (let j = 1; j < bins; j++) {
    const e = sorted[Math.floor((j * m) / bins)];
    if (e !== undefined && e !== edges[edges.length - 1]) edges.push(e);
  }
  return Float64Array.from(edges);
}

/**
 * Numbers and timestamps: quantile bins, plus a null bin. Each bin's predicate is the inclusive
 * range from the smallest to the largest value that fell in it, which selects exactly the bin's
 * rows (bins are contiguous in value, so no other value lies between) — so the last bin's
 * inclusive top and half-open edges need no special care. A null is in no range: "is null".
 */
function numericBins(col: Column & { values: ArrayLike<number> }, bins: number): BinnedFeature {
  const v = col.values;
  const n = v.length;
  const edges = quantileEdges(v, bins);
  const k = edges.length + 1;
  const raw = new Uint8Array(n);
  const lo = new Float64Array(k).fill(Infinity);
  const hi = new Float64Array(k).fill(-Infinity);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x !== x) {
      raw[i] = k;
      nulls++;
      continue;
    }
    let a = 0;
    let b = edges.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (edges[m]! <= x) a = m + 1;
      else b = m;
    }
    raw[i] = a;
    if (x < lo[a]!) lo[a] = x;
    if (x > hi[a]!) hi[a] = x;
  }
  // Drop empty bins (the first one when the smallest value is an edge) and renumber.
  const remap = new Uint8Array(k + 1).fill(SKIP);
  const defs: BinDef[] = [];
  for (let j = 0; j < k; j++) {
    if (lo[j]! > hi[j]!) continue;
    remap[j] = defs.length;
    const a = formatValue(lo[j]!, col);
    const b = formatValue(hi[j]!, col);
    defs.push({
      text: lo[j] === hi[j] ? `${col.name} = ${a}` : `${col.name} in [${a}, ${b}]`,
      predicate: { op: 'range', column: col.name, min: lo[j]!, max: hi[j]! },
    });
  }
  if (nulls > 0) {
    remap[k] = defs.length;
    defs.push({ text: `${col.name} is null`, predicate: { op: 'isNull', column: col.name } });
  }
  for (let i = 0; i < n; i++) raw[i] = remap[raw[i]!]!;
  return { name: col.name, codes: raw, bins: defs, skippedCategories: 0 };
}

/**
 * Strings: the most frequent categories. Dictionaries are interned when the file is read (one
 * entry per distinct value), so codes are ranked directly, with no lookup by value.
 */
function stringBins(col: Column & { kind: 'string' }): BinnedFeature {
  const { codes, dictionary } = col;
  const perCode = new Float64Array(dictionary.length);
  let nulls = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) nulls++;
    else perCode[c]!++;
  }
  const ranked: number[] = [];
  for (let c = 0; c < perCode.length; c++) if (perCode[c]! > 0) ranked.push(c);
  ranked.sort((x, y) => perCode[y]! - perCode[x]! || x - y);
  const kept = ranked.slice(0, MAX_CATEGORIES);
  const codeBin = new Uint8Array(dictionary.length).fill(SKIP);
  kept.forEach((c, j) => (codeBin[c] = j));
  const defs: BinDef[] = kept.map((c) => ({
    text: `${col.name} = ${dictionary[c]}`,
    predicate: { op: 'in', column: col.name, values: [dictionary[c]!] },
  }));
  const nullBin = nulls > 0 ? defs.length : SKIP;
  if (nulls > 0) {
    defs.push({ text: `${col.name} is null`, predicate: { op: 'isNull', column: col.name } });
  }
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    out[i] = c < 0 ? nullBin : codeBin[c]!;
  }
  return { name: col.name, codes: out, bins: defs, skippedCategories: ranked.length - kept.length };
}

function booleanBins(col: Column & { kind: 'boolean' }): BinnedFeature {
  const defs: BinDef[] = [
    { text: `${col.name} = false`, predicate: { op: 'in', column: col.name, values: ['false'] } },
    { text: `${col.name} = true`, predicate: { op: 'in', column: col.name, values: ['true'] } },
    { text: `${col.name} is null`, predicate: { op: 'isNull', column: col.name } },
  ];
  // 0/1/2 are already the bin codes.
  return { name: col.name, codes: col.values, bins: defs, skippedCategories: 0 };
}

/** Bin one column for the slice search; vectors are not slice features (null). */
export function binColumn(col: Column, bins: number): BinnedFeature | null {
  const k = Math.max(2, Math.min(50, Math.round(bins)));
  switch (col.kind) {
    case 'numeric':
    case 'timestamp':
      return numericBins(col, k);
    case 'string':
      return stringBins(col);
    case 'boolean':
      return booleanBins(col);
    default:
      return null;
  }
}
