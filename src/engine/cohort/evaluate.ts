import type { Column } from '../../data/types';
import type { Predicate } from '../../shared/predicate';

import { type CohortData, CohortError, FALSE, TRUE, UNKNOWN } from './truth';
import { evaluateRoles } from './evaluateRoles';
import { compilePattern } from './pattern';

export { type CohortData, CohortError, FALSE, TRUE, UNKNOWN };

function need<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null) throw new CohortError(what);
  return v;
}

function col(d: CohortData, name: string): Column {
  return need(d.column(name), `the column "${name}" does not exist in this dataset`);
}

function classSet(d: CohortData, values: string[]): Uint8Array {
  const set = new Set(values);
  return Uint8Array.from(d.classes, (c) => (set.has(c) ? 1 : 0));
}

/** 0/1 from a comparison without a branch (random data would mispredict half the time). */
const bit = (b: boolean): number => b as unknown as number;

function byCode(codes: Int32Array, member: Uint8Array): Uint8Array {
  // lut[code + 1]: code -1 (null) is UNKNOWN; one table read per row instead of two branches.
  const lut = new Uint8Array(member.length + 1);
  lut[0] = UNKNOWN;
  for (let c = 0; c < member.length; c++) lut[c + 1] = member[c] ? TRUE : FALSE;
  const n = codes.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = lut[codes[i]! + 1]!;
  return out;
}

function range(values: ArrayLike<number>, min: number | null, max: number | null): Uint8Array {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  const n = values.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    // NaN fails both comparisons, so it is UNKNOWN (1) and never TRUE (2).
    out[i] = ((bit(v >= lo) & bit(v <= hi)) << 1) | bit(v !== v);
  }
  return out;
}

function inSet(c: Column, values: string[]): Uint8Array {
  if (c.kind === 'string') {
    const set = new Set(values);
    return byCode(
      c.codes,
      Uint8Array.from(c.dictionary, (s) => (set.has(s) ? 1 : 0)),
    );
  }
  if (c.kind === 'boolean') {
    const t = values.includes('true');
    const f = values.includes('false');
    return c.values.map((v) => (v === 2 ? UNKNOWN : (v === 1 ? t : f) ? TRUE : FALSE));
  }
  if (c.kind === 'numeric' || c.kind === 'timestamp') {
    const set = new Set(values.map(Number));
    const out = new Uint8Array(c.values.length);
    for (let i = 0; i < out.length; i++) {
      const v = c.values[i]!;
      out[i] = v !== v ? UNKNOWN : set.has(v) ? TRUE : FALSE;
    }
    return out;
  }
  throw new CohortError(`"${c.name}" holds ${c.kind} values and cannot be filtered by category`);
}

function text(
  c: Column,
  pattern: string,
  mode: 'contains' | 'regex',
  caseSensitive: boolean,
): Uint8Array {
  if (c.kind !== 'string') throw new CohortError(`"${c.name}" is not a text column`);
  let test: (s: string) => boolean;
  if (mode === 'regex') {
    test = compilePattern(pattern, caseSensitive);
  } else {
    const needle = caseSensitive ? pattern : pattern.toLowerCase();
    test = caseSensitive ? (s) => s.includes(needle) : (s) => s.toLowerCase().includes(needle);
  }
  // Each distinct string is tested once, however many rows hold it.
  return byCode(
    c.codes,
    Uint8Array.from(c.dictionary, (s) => (test(s) ? 1 : 0)),
  );
}

function isNull(c: Column): Uint8Array {
  switch (c.kind) {
    case 'string': {
      const out = new Uint8Array(c.codes.length);
      for (let i = 0; i < out.length; i++) out[i] = bit(c.codes[i]! < 0) << 1;
      return out;
    }
    case 'boolean':
      return c.values.map((v) => (v === 2 ? TRUE : FALSE));
    case 'binary': {
      const n = c.starts.length - 1;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = c.starts[i + 1] === c.starts[i] ? TRUE : FALSE;
      return out;
    }
    case 'vector': {
      const n = c.values.length / c.dim;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++)
        out[i] = c.values[i * c.dim] !== c.values[i * c.dim] ? TRUE : FALSE;
      return out;
    }
    default: {
      const out = new Uint8Array(c.values.length);
      for (let i = 0; i < out.length; i++) out[i] = bit(c.values[i] !== c.values[i]) << 1;
      return out;
    }
  }
}

/** Evaluates a predicate to one truth value per row (FALSE / UNKNOWN / TRUE). */
export function evaluate(p: Predicate, d: CohortData): Uint8Array {
  switch (p.op) {
    case 'and':
    case 'or': {
      if (p.children.length === 0) return new Uint8Array(d.n).fill(p.op === 'and' ? TRUE : FALSE);
      const out = evaluate(p.children[0]!, d);
      for (const child of p.children.slice(1)) {
        const v = evaluate(child, d);
        const n = out.length;
        if (p.op === 'and')
          for (let i = 0; i < n; i++) {
            const a = out[i]!;
            const b = v[i]!;
            out[i] = a < b ? a : b;
          }
        else
          for (let i = 0; i < n; i++) {
            const a = out[i]!;
            const b = v[i]!;
            out[i] = a > b ? a : b;
          }
      }
      return out;
    }
    case 'not': {
      const v = evaluate(p.child, d);
      for (let i = 0; i < v.length; i++) v[i] = TRUE - v[i]!;
      return v;
    }
    case 'range': {
      const c = col(d, p.column);
      if (c.kind !== 'numeric' && c.kind !== 'timestamp')
        throw new CohortError(`"${c.name}" is not numeric`);
      return range(c.values, p.min, p.max);
    }
    case 'in':
      return inSet(col(d, p.column), p.values);
    case 'text':
      return text(col(d, p.column), p.pattern, p.mode, !!p.caseSensitive);
    case 'isNull':
      return isNull(col(d, p.column));
    default:
      return evaluateRoles(p, d, { classSet, byCode, range });
  }
}

/** Cohort membership: 1 where the predicate is TRUE. */
export function cohortMask(p: Predicate, d: CohortData): Uint8Array {
  const v = evaluate(p, d);
  // TRUE (2) → 1; UNKNOWN (1) and FALSE (0) → 0.
  for (let i = 0; i < v.length; i++) v[i] = v[i]! >> 1;
  return v;
}

export function popcount(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}
