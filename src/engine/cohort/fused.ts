// A cohort's size and confusion matrices in one pass over the rows, without a byte mask, for the
// cohorts people make most (issue 15): an AND of ranges and category sets. Rows are taken in
// blocks of BLOCK; each block's members are compacted into a small index list (a store per row,
// the count bumped by 0 or 1: no branch on membership), each further condition filters that list
// in place, and only the cohort's rows are counted. Nothing of the size of the dataset is written,
// and a small cohort costs little more than reading its condition columns.
import type { Predicate } from '../../shared/predicate';
import type { CohortData } from './truth';

const BLOCK = 4096;

/** One condition read row by row: a value range, or a lookup by category code. */
export type FusedCondition =
  | { kind: 'range'; values: Float32Array | Float64Array; lo: number; hi: number }
  /**
   * member[code + 1] is 1 for the codes in the cohort; member[0] is null (code −1): never in; a
   * code past the table reads undefined, `| 0` makes it 0 (out, as byCode's table in evaluate.ts).
   */
  | { kind: 'codes'; codes: Int32Array; member: Uint8Array };

/** Membership by code from a predicate over the strings of a dictionary (null never matches). */
function memberOf(dictionary: readonly string[], test: (s: string) => boolean): Uint8Array {
  const member = new Uint8Array(dictionary.length + 1);
  for (let c = 0; c < dictionary.length; c++) member[c + 1] = test(dictionary[c]!) ? 1 : 0;
  return member;
}

function collect(p: Predicate, d: CohortData, out: FusedCondition[]): boolean {
  switch (p.op) {
    case 'and':
      return p.children.length > 0 && p.children.every((c) => collect(c, d, out));
    case 'range': {
      const c = d.column(p.column);
      if (!c || (c.kind !== 'numeric' && c.kind !== 'timestamp')) return false;
      out.push({ kind: 'range', values: c.values, lo: p.min ?? -Infinity, hi: p.max ?? Infinity });
      return true;
    }
    case 'in': {
      const c = d.column(p.column);
      if (!c || c.kind !== 'string') return false;
      const set = new Set(p.values);
      out.push({
        kind: 'codes',
        codes: c.codes,
        member: memberOf(c.dictionary, (s) => set.has(s)),
      });
      return true;
    }
    case 'label':
    case 'predicted': {
      const codes = p.op === 'label' ? d.label : d.version(p.version)?.pred;
      if (!codes) return false;
      const set = new Set(p.values);
      out.push({ kind: 'codes', codes, member: memberOf(d.classes, (s) => set.has(s)) });
      return true;
    }
    default:
      return false;
  }
}

/**
 * The predicate as an AND of conditions the fused pass reads, or null when it holds anything
 * else (OR, NOT, text, nulls, role outcomes, ids, a missing or mistyped column): those take the
 * mask path, which also words the errors.
 */
export function fusedConditions(p: Predicate, d: CohortData): FusedCondition[] | null {
  const out: FusedCondition[] = [];
  return collect(p, d, out) ? out : null;
}

/** Compacts the rows [s, e) that meet `c` into idx; returns how many. */
function first(c: FusedCondition, s: number, e: number, idx: Uint32Array): number {
  let m = 0;
  if (c.kind === 'range') {
    const { values, lo, hi } = c;
    // NaN fails both comparisons, so a null is never in (as TRUE-only membership in evaluate.ts).
    for (let i = s; i < e; i++) {
      const v = values[i]!;
      idx[m] = i;
      m += ((v >= lo) as unknown as number) & ((v <= hi) as unknown as number);
    }
  } else {
    const { codes, member } = c;
    for (let i = s; i < e; i++) {
      idx[m] = i;
      m += member[codes[i]! + 1]! | 0;
    }
  }
  return m;
}

/** Keeps the first m rows of idx that also meet `c`; returns how many. */
function filter(c: FusedCondition, m: number, idx: Uint32Array): number {
  let j = 0;
  if (c.kind === 'range') {
    const { values, lo, hi } = c;
    for (let q = 0; q < m; q++) {
      const i = idx[q]!;
      const v = values[i]!;
      idx[j] = i;
      j += ((v >= lo) as unknown as number) & ((v <= hi) as unknown as number);
    }
  } else {
    const { codes, member } = c;
    for (let q = 0; q < m; q++) {
      const i = idx[q]!;
      idx[j] = i;
      j += member[codes[i]! + 1]! | 0;
    }
  }
  return j;
}

export interface FusedCounts {
  /** Rows in the cohort (label or not). */
  size: number;
  /** One k×k matrix per prediction array (row = true class), as `confusionMatrices`; none without a label. */
  matrices: Float64Array[];
  /** 1 for the cohort's rows, when asked for (AUC walks a score's order over it). */
  mask: Uint8Array | null;
}

/**
 * The cohort's size and, when there is a label, each prediction's confusion matrix over its rows:
 * equal to popcount(cohortMask(p)) and confusionMatrices(label, preds, k, mask). Rows whose label
 * or prediction is outside [0, k) are skipped, as there.
 */
export function fusedCohortCounts(
  n: number,
  conditions: readonly FusedCondition[],
  label: Int32Array | null,
  preds: readonly Int32Array[],
  k: number,
  wantMask = false,
): FusedCounts {
  if (conditions.length === 0) throw new RangeError('a fused cohort needs a condition');
  const idx = new Uint32Array(BLOCK);
  const counts = preds.map(() => new Int32Array(k * k));
  const mask = wantMask ? new Uint8Array(n) : null;
  const [head, ...rest] = conditions;
  let size = 0;
  for (let s = 0; s < n; s += BLOCK) {
    const e = Math.min(n, s + BLOCK);
    let m = first(head!, s, e, idx);
    for (const c of rest) m = filter(c, m, idx);
    size += m;
    if (mask) for (let q = 0; q < m; q++) mask[idx[q]!] = 1;
    if (label) countBlock(label, preds, counts, k, idx, m);
  }
  return { size, matrices: label ? counts.map((c) => Float64Array.from(c)) : [], mask };
}

/** Adds the block's listed rows to each prediction's matrix; two at a time share the label read. */
function countBlock(
  label: Int32Array,
  preds: readonly Int32Array[],
  counts: Int32Array[],
  k: number,
  idx: Uint32Array,
  m: number,
): void {
  for (let j = 0; j < preds.length; j += 2) {
    const a = preds[j]!;
    const ca = counts[j]!;
    if (j + 1 < preds.length) {
      const b = preds[j + 1]!;
      const cb = counts[j + 1]!;
      for (let q = 0; q < m; q++) {
        const i = idx[q]!;
        const t = label[i]!;
        // `>>> 0` turns negative codes (nulls) into huge ones: one comparison checks both bounds.
        if (t >>> 0 >= k) continue;
        const pa = a[i]!;
        const pb = b[i]!;
        if (pa >>> 0 < k) ca[t * k + pa]! += 1;
        if (pb >>> 0 < k) cb[t * k + pb]! += 1;
      }
    } else {
      for (let q = 0; q < m; q++) {
        const i = idx[q]!;
        const t = label[i]!;
        const p = a[i]!;
        if (t >>> 0 < k && p >>> 0 < k) ca[t * k + p]! += 1;
      }
    }
  }
}
