// Cohort kernels over typed-array columns, plain TypeScript: evaluate a cohort's predicates into
// a row mask, then the two versions' confusion matrices over that mask. Written to move to
// src/engine/ unchanged (no DOM, no worker, no dependencies).

/** A two-predicate cohort: lo <= x <= hi AND cat ∈ allowed codes. */
export interface RangeAndSet {
  lo: number;
  hi: number;
  /** allowed[code] = 1 for the codes in the set (codes < 0 are null and never match). */
  allowed: Uint8Array;
}

/** mask[i] = 1 when row i is in the cohort; branch-free; returns the cohort's size. */
export function evaluateMask(
  x: Float32Array | Float64Array,
  cat: Int32Array,
  c: RangeAndSet,
  mask: Uint8Array,
): number {
  const { lo, hi, allowed } = c;
  const n = x.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const code = cat[i]!;
    // NaN (null) fails both comparisons; a null code (-1) reads allowed[-1] → undefined → 0.
    const m =
      ((v >= lo) as unknown as number) & ((v <= hi) as unknown as number) & (allowed[code]! | 0);
    mask[i] = m;
    count += m;
  }
  return count;
}

/**
 * Two k×k confusion matrices (row = true class, column = predicted) over the rows whose mask is 1,
 * in one pass. Counts go into (k+1)×(k+1) scratch matrices whose row/column 0 collect nulls
 * (code -1), so the loop has no branch; `out1`/`out2` get the k×k part.
 */
export function confusionPair(
  label: Int32Array,
  pred1: Int32Array,
  pred2: Int32Array,
  k: number,
  mask: Uint8Array,
  out1: Float64Array,
  out2: Float64Array,
): void {
  const k1 = k + 1;
  const s1 = new Int32Array(k1 * k1);
  const s2 = new Int32Array(k1 * k1);
  const n = label.length;
  for (let i = 0; i < n; i++) {
    const m = mask[i]!;
    const t = (label[i]! + 1) * k1;
    s1[t + pred1[i]! + 1]! += m;
    s2[t + pred2[i]! + 1]! += m;
  }
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      out1[a * k + b] = s1[(a + 1) * k1 + b + 1]!;
      out2[a * k + b] = s2[(a + 1) * k1 + b + 1]!;
    }
}

/** The same two matrices with the predicates evaluated inline (no mask kept): one fused pass. */
export function confusionPairFused(
  label: Int32Array,
  pred1: Int32Array,
  pred2: Int32Array,
  k: number,
  x: Float32Array | Float64Array,
  cat: Int32Array,
  c: RangeAndSet,
  out1: Float64Array,
  out2: Float64Array,
): number {
  const { lo, hi, allowed } = c;
  const k1 = k + 1;
  const s1 = new Int32Array(k1 * k1);
  const s2 = new Int32Array(k1 * k1);
  const n = label.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v >= lo && v <= hi && allowed[cat[i]!] === 1) {
      const t = (label[i]! + 1) * k1;
      s1[t + pred1[i]! + 1]! += 1;
      s2[t + pred2[i]! + 1]! += 1;
      count++;
    }
  }
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      out1[a * k + b] = s1[(a + 1) * k1 + b + 1]!;
      out2[a * k + b] = s2[(a + 1) * k1 + b + 1]!;
    }
  return count;
}
