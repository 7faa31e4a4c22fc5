import type { Column, ColumnInfo } from './types';

const SAMPLE = 3;

function numericStats(values: ArrayLike<number>) {
  // Null-free columns (the usual case) in a branch-free pass, two lanes at a time; Math.min and
  // Math.max return NaN once they meet one, which sends a column with nulls to the counting pass.
  const n = values.length;
  let min0 = Infinity;
  let max0 = -Infinity;
  let min1 = Infinity;
  let max1 = -Infinity;
  for (let i = 0; i + 1 < n; i += 2) {
    min0 = Math.min(min0, values[i]!);
    max0 = Math.max(max0, values[i]!);
    min1 = Math.min(min1, values[i + 1]!);
    max1 = Math.max(max1, values[i + 1]!);
  }
  if (n % 2 === 1) {
    min0 = Math.min(min0, values[n - 1]!);
    max0 = Math.max(max0, values[n - 1]!);
  }
  const min = Math.min(min0, min1);
  const max = Math.max(max0, max1);
  if (min === min && max === max)
    return { min: n > 0 ? min : null, max: n > 0 ? max : null, nulls: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) nulls++;
    else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const any = nulls < n;
  return { min: any ? lo : null, max: any ? hi : null, nulls };
}

/** Integral columns spanning at most this many values are counted with a flag table. */
const FLAG_SPAN = 1 << 20;

/** Distinct non-null values, counted up to `cap` + 1 (more is reported as cap + 1). */
function countDistinct(
  values: ArrayLike<number>,
  cap: number,
  integral: boolean,
  min: number | null,
  max: number | null,
): number {
  if (integral && min !== null && max !== null && max - min < FLAG_SPAN) {
    // Labels, predictions and counts: a Set over 10M rows cost ~0.2 s per column; this is exact
    // and a single typed pass.
    const seen = new Uint8Array(max - min + 1);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === v) seen[v - min] = 1;
    }
    let count = 0;
    for (let j = 0; j < seen.length; j++) count += seen[j]!;
    return Math.min(count, cap + 1);
  }
  const seen = new Set<number>();
  for (let i = 0; i < values.length && seen.size <= cap; i++) {
    const v = values[i]!;
    if (v === v) seen.add(v);
  }
  return seen.size;
}

/** Long enough to recognise a `data:image/…` URL or a sentence; a 50 MB text stays in the worker. */
const SAMPLE_CHARS = 200;

function stringSample(col: Extract<Column, { kind: 'string' }>): string[] {
  return col.dictionary
    .slice(0, SAMPLE)
    .map((s) => (s.length > SAMPLE_CHARS ? `${s.slice(0, SAMPLE_CHARS)}…` : s));
}

/** Facts the role inference and the mapping step need; one pass per column. */
export function describeColumn(col: Column, arrowType: string): ColumnInfo {
  const base = { name: col.name, kind: col.kind, arrowType, dim: null, integral: false };
  switch (col.kind) {
    case 'numeric': {
      const s = numericStats(col.values);
      const distinct = countDistinct(col.values, 1000, col.integral, s.min, s.max);
      const sample = Array.from(col.values.subarray(0, SAMPLE), (v, i) =>
        col.int64 ? String(col.int64[i]) : String(v),
      );
      return {
        ...base,
        nullCount: s.nulls,
        distinct,
        min: s.min,
        max: s.max,
        integral: col.integral,
        sample,
      };
    }
    case 'string': {
      let nulls = 0;
      for (let i = 0; i < col.codes.length; i++) if (col.codes[i]! < 0) nulls++;
      return {
        ...base,
        nullCount: nulls,
        distinct: col.dictionary.length,
        min: null,
        max: null,
        sample: stringSample(col),
      };
    }
    case 'boolean': {
      let nulls = 0;
      for (let i = 0; i < col.values.length; i++) if (col.values[i] === 2) nulls++;
      return {
        ...base,
        nullCount: nulls,
        distinct: 2,
        min: 0,
        max: 1,
        integral: true,
        sample: ['false', 'true'],
      };
    }
    case 'timestamp': {
      const s = numericStats(col.values);
      const sample = Array.from(col.values.subarray(0, SAMPLE), (v) =>
        // Date covers ±8.64e15 ms; a valid file can hold timestamps beyond (and toISOString throws).
        v === v ? (Math.abs(v) <= 8.64e15 ? new Date(v).toISOString() : `${v} ms`) : '',
      );
      return { ...base, nullCount: s.nulls, distinct: null, min: s.min, max: s.max, sample };
    }
    case 'vector': {
      const n = col.values.length / col.dim;
      let nulls = 0;
      for (let i = 0; i < n; i++) if (col.values[i * col.dim] !== col.values[i * col.dim]) nulls++;
      // Value range from the first rows only: vectors can hold hundreds of millions of floats.
      const s = numericStats(col.values.subarray(0, Math.min(col.values.length, 50_000 * col.dim)));
      return {
        ...base,
        nullCount: nulls,
        distinct: null,
        min: s.min,
        max: s.max,
        dim: col.dim,
        sample: [],
      };
    }
    case 'binary': {
      let nulls = 0;
      for (let i = 0; i < col.starts.length - 1; i++)
        if (col.starts[i + 1] === col.starts[i]) nulls++;
      const dim = col.pixels ? col.pixels.width * col.pixels.height * col.pixels.channels : null;
      return { ...base, nullCount: nulls, distinct: null, min: null, max: null, dim, sample: [] };
    }
  }
}
