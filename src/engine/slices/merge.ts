import type { Predicate } from '../../shared/predicate';
import { rowsOf } from './count';
import type { Score } from './types';
import type { BinnedFeature, Cell, SliceResult, Target } from './types';

/** A slice that got a p-value: conditions as [feature, bin, feature, bin, …] in feature order. */
export interface Tested {
  conds: number[];
  cell: Cell;
  score: Score;
}

/** Candidates considered for the list (the best by statistic); the rest cannot outrank them. */
const CONSIDERED = 200;
const MAX_VARIANTS = 10;

/** A slice folded into a kept one it overlaps: listed under it (the first few). */
export function addVariant(home: SliceResult, variant: SliceResult): void {
  if (home.variants.length >= MAX_VARIANTS) return;
  const { text, rows, effect, q } = variant;
  home.variants.push({ text, rows, effect, q });
}

export function keyOf(conds: number[]): string {
  const parts: string[] = [];
  for (let j = 0; j < conds.length; j += 2) parts.push(`${conds[j]}:${conds[j + 1]}`);
  return parts.join('|');
}

function pairsOf(conds: number[], features: BinnedFeature[]): [BinnedFeature, number][] {
  const out: [BinnedFeature, number][] = [];
  for (let j = 0; j < conds.length; j += 2) out.push([features[conds[j]!]!, conds[j + 1]!]);
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Rows in scope the slice's conditions select. */
export function sliceRows(conds: number[], features: BinnedFeature[], t: Target): Uint32Array {
  return rowsOf(pairsOf(conds, features), t);
}

function bitsOf(conds: number[], features: BinnedFeature[], t: Target): Uint32Array {
  const bits = new Uint32Array((t.code.length + 31) >>> 5);
  for (const i of sliceRows(conds, features, t)) bits[i >>> 5]! |= 1 << (i & 31);
  return bits;
}

function intersection(a: Uint32Array, b: Uint32Array): number {
  let s = 0;
  for (let w = 0; w < a.length; w++) s += popcount(a[w]! & b[w]!);
  return s;
}

/** Every condition of `inner` is one of `outer`'s (so outer's rows are a subset of inner's). */
function within(inner: Set<string>, outer: Set<string>): boolean {
  for (const k of inner) if (!outer.has(k)) return false;
  return true;
}

export function toResult(t: Tested, q: number, features: BinnedFeature[]): SliceResult {
  const conditions = pairsOf(t.conds, features).map(([f, b]) => f.bins[b]!);
  const s = t.score;
  return {
    key: keyOf(t.conds),
    conds: t.conds,
    text: conditions.map((c) => c.text).join(' and '),
    conditions,
    rows: t.cell.n + t.cell.none,
    n: t.cell.n,
    effect: s.effect,
    lo: s.lo,
    hi: s.hi,
    rest: s.rest,
    lift: s.lift,
    z: s.z,
    p: s.p,
    q,
    worse: t.cell.a,
    better: t.cell.b,
    variants: [],
  };
}

/** The slice as a cohort predicate, restricted to the cohort the search ran in. */
export function slicePredicate(r: SliceResult, cohort: Predicate | null): Predicate {
  const children = r.conditions.map((c) => c.predicate);
  if (cohort) children.unshift(cohort);
  return children.length === 1 ? children[0]! : { op: 'and', children };
}

/** The change as the user reads it (version − baseline), whichever way the search ran. */
export function unflip(r: SliceResult): SliceResult {
  return {
    ...r,
    effect: -r.effect,
    lo: -r.hi,
    hi: -r.lo,
    rest: -r.rest,
    worse: r.better,
    better: r.worse,
    variants: r.variants.map((v) => ({ ...v, effect: -v.effect })),
  };
}

interface Kept {
  result: SliceResult;
  conds: number[];
  set: Set<string>;
  bits: Uint32Array | null;
}

/**
 * Best-first list without near-duplicates. Walking the candidates by statistic, a slice joins an
 * earlier (better) one as a variant when one's conditions contain the other's (a refinement or a
 * generalization of it) or when their row sets overlap with Jaccard > `jaccard` (bitsets; pairs
 * whose sizes already rule that out are skipped).
 */
export function mergeSlices(
  tested: Tested[],
  q: Float64Array,
  features: BinnedFeature[],
  t: Target,
  opts: { maxResults: number; jaccard: number },
): SliceResult[] {
  const order = tested
    .map((_, i) => i)
    .filter((i) => tested[i]!.score.z > 0)
    .sort(
      (x, y) => tested[y]!.score.z - tested[x]!.score.z || tested[x]!.score.p - tested[y]!.score.p,
    )
    .slice(0, CONSIDERED);
  const kept: Kept[] = [];
  for (const i of order) {
    const cand = tested[i]!;
    const result = toResult(cand, q[i]!, features);
    const set = new Set(result.key.split('|'));
    let bits: Uint32Array | null = null;
    const home = kept.find((k) => {
      if (within(k.set, set) || within(set, k.set)) return true;
      const small = Math.min(k.result.rows, result.rows);
      const big = Math.max(k.result.rows, result.rows);
      if (small < opts.jaccard * big) return false;
      k.bits ??= bitsOf(k.conds, features, t);
      bits ??= bitsOf(cand.conds, features, t);
      const inter = intersection(k.bits, bits);
      return inter / (k.result.rows + result.rows - inter) > opts.jaccard;
    });
    if (home) {
      addVariant(home.result, result);
      continue;
    }
    if (kept.length >= opts.maxResults) break;
    kept.push({ result, conds: cand.conds, set, bits });
  }
  return kept.map((k) => k.result);
}
