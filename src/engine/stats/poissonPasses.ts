import { POISSON16 } from './poisson';

/** A version's usable rows in descending score order, grouped into ties (poissonBootstrap). */
export interface RankedScore {
  /** Row index of each usable row (in the cohort, 0/1 label, a score), in descending score order. */
  rows: Uint32Array;
  /** 1 when the row at that position is a positive. */
  positive: Uint8Array;
  /** groupEnd[g] = one past the last position of tie group g (positions in `rows`). */
  groupEnd: Uint32Array;
}

/**
 * The hot loops of poissonReplicates, one resample pair (two resamples from one hash) at a time.
 * Every sum here adds the same terms in the same order as a plain loop over rows (row order for
 * means and proportions, tie-group order for AUC and AP), and the tie-group sums are integers, so
 * the replicates are bit-for-bit those of the plain loop (poissonBootstrap.test.ts checks it).
 * Each loop is short and reads one or two arrays, with its sums in locals: V8 keeps them in
 * registers (sums in a typed array per row were the slowest part, issue 15).
 */

// A module-local binding: test runners rewrite imported names into property reads, which cost
// several times the hot loops' own work.
const WEIGHT: Uint8Array = POISSON16;

/** The two weights of a row for a resample pair: the 16-bit halves of fmix32(row ^ key). */
export function hashPair(row: number, key: number): number {
  let x = row ^ key;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** w0[j], w1[j] = the pair's weights of rows[j] (or of row j when rows is null). */
export function fillPair(
  rows: Uint32Array | null,
  total: number,
  key: number,
  w0: Uint8Array,
  w1: Uint8Array,
): void {
  if (rows) {
    for (let j = 0; j < total; j++) {
      const h = hashPair(rows[j]!, key);
      w0[j] = WEIGHT[h >>> 16]!;
      w1[j] = WEIGHT[h & 0xffff]!;
    }
  } else {
    for (let j = 0; j < total; j++) {
      const h = hashPair(j, key);
      w0[j] = WEIGHT[h >>> 16]!;
      w1[j] = WEIGHT[h & 0xffff]!;
    }
  }
}

/** [Σw, Σvw] of both resamples of the pair, NaN skipped; out[at], out[at+1] get the means. */
function meanOf(
  values: Float64Array,
  rows: Uint32Array | null,
  total: number,
  w0: Uint8Array,
  w1: Uint8Array,
  out: Float64Array,
  at: number,
  both: boolean,
) {
  let a0 = 0;
  let b0 = 0;
  let a1 = 0;
  let b1 = 0;
  // Two loops: the row lookup tested per row cost ~30 % of the all-rows loop (issue 15).
  if (rows)
    for (let j = 0; j < total; j++) {
      const v = values[rows[j]!]!;
      if (v !== v) continue;
      const x = w0[j]!;
      const y = w1[j]!;
      a0 += x;
      b0 += v * x;
      a1 += y;
      b1 += v * y;
    }
  else
    for (let j = 0; j < total; j++) {
      const v = values[j]!;
      if (v !== v) continue;
      const x = w0[j]!;
      const y = w1[j]!;
      a0 += x;
      b0 += v * x;
      a1 += y;
      b1 += v * y;
    }
  out[at] = b0 / a0;
  if (both) out[at + 1] = b1 / a1;
}

// The same loop for Float32 values: a second copy keeps each one monomorphic.
function meanOf32(
  values: Float32Array,
  rows: Uint32Array | null,
  total: number,
  w0: Uint8Array,
  w1: Uint8Array,
  out: Float64Array,
  at: number,
  both: boolean,
) {
  let a0 = 0;
  let b0 = 0;
  let a1 = 0;
  let b1 = 0;
  // Two loops: the row lookup tested per row cost ~30 % of the all-rows loop (issue 15).
  if (rows)
    for (let j = 0; j < total; j++) {
      const v = values[rows[j]!]!;
      if (v !== v) continue;
      const x = w0[j]!;
      const y = w1[j]!;
      a0 += x;
      b0 += v * x;
      a1 += y;
      b1 += v * y;
    }
  else
    for (let j = 0; j < total; j++) {
      const v = values[j]!;
      if (v !== v) continue;
      const x = w0[j]!;
      const y = w1[j]!;
      a0 += x;
      b0 += v * x;
      a1 += y;
      b1 += v * y;
    }
  out[at] = b0 / a0;
  if (both) out[at + 1] = b1 / a1;
}

export function meanPass(
  values: Float64Array | Float32Array,
  rows: Uint32Array | null,
  total: number,
  w0: Uint8Array,
  w1: Uint8Array,
  out: Float64Array,
  at: number,
  both: boolean,
): void {
  if (values instanceof Float64Array) meanOf(values, rows, total, w0, w1, out, at, both);
  else meanOf32(values, rows, total, w0, w1, out, at, both);
}

/** Weighted share of successes (1) among the usable rows (0 or 1; anything else skipped). */
export function proportionPass(
  outcome: Uint8Array,
  rows: Uint32Array | null,
  total: number,
  w0: Uint8Array,
  w1: Uint8Array,
  out: Float64Array,
  at: number,
  both: boolean,
): void {
  let a0 = 0;
  let b0 = 0;
  let a1 = 0;
  let b1 = 0;
  if (rows)
    for (let j = 0; j < total; j++) {
      const v = outcome[rows[j]!]!;
      if (v > 1) continue;
      const x = w0[j]!;
      const y = w1[j]!;
      a0 += x;
      b0 += v * x;
      a1 += y;
      b1 += v * y;
    }
  else
    for (let j = 0; j < total; j++) {
      const v = outcome[j]!;
      if (v > 1) continue;
      const x = w0[j]!;
      const y = w1[j]!;
      a0 += x;
      b0 += v * x;
      a1 += y;
      b1 += v * y;
    }
  out[at] = b0 / a0;
  if (both) out[at + 1] = b1 / a1;
}

/**
 * Where each row's weights go in a score's tie-group sums: code[row] = 4·group + 2·positive, −1
 * for rows the score leaves out. Summing weights into the groups in row order gives the same
 * integers as summing them down the score order, so a score with few tie groups (real scores:
 * the flights set has 30k distinct values in 1M rows) needs no pass of its own in score order:
 * its weights are the ones the pair already hashed for the means.
 */
export function groupCodes(s: RankedScore, n: number): Int32Array {
  const code = new Int32Array(n).fill(-1);
  const { rows, positive, groupEnd } = s;
  let j = 0;
  for (let g = 0; g < groupEnd.length; g++)
    for (const end = groupEnd[g]!; j < end; j++) code[rows[j]!] = 4 * g + 2 * positive[j]!;
  return code;
}

/** acc[code + 0/1] += the pair's weights of each row: [negatives, positives] × [r0, r1] per group. */
export function groupScatter(
  code: Int32Array,
  rows: Uint32Array | null,
  total: number,
  w0: Uint8Array,
  w1: Uint8Array,
  acc: Int32Array,
): void {
  acc.fill(0);
  for (let j = 0; j < total; j++) {
    const c = code[rows ? rows[j]! : j]!;
    if (c < 0) continue;
    acc[c] = acc[c]! + w0[j]!;
    acc[c + 1] = acc[c + 1]! + w1[j]!;
  }
}

/**
 * AUC and AP of the pair from the group sums, walking the groups from the highest score down:
 * the same arithmetic, in the same order, as rankPass's end-of-group step.
 */
export function groupSweep(
  acc: Int32Array,
  groups: number,
  at: number,
  both: boolean,
  auc: Float64Array,
  ap: Float64Array,
): void {
  let pa0 = 0;
  let na0 = 0;
  let u0 = 0;
  let s0 = 0;
  let pa1 = 0;
  let na1 = 0;
  let u1 = 0;
  let s1 = 0;
  for (let g = 0; g < groups; g++) {
    const o = 4 * g;
    const n0 = acc[o]!;
    const n1 = acc[o + 1]!;
    const gp0 = acc[o + 2]!;
    const gp1 = acc[o + 3]!;
    u0 += n0 * (2 * pa0 + gp0);
    u1 += n1 * (2 * pa1 + gp1);
    pa0 += gp0;
    na0 += n0;
    pa1 += gp1;
    na1 += n1;
    if (gp0 > 0) s0 += (gp0 * pa0) / (pa0 + na0);
    if (gp1 > 0) s1 += (gp1 * pa1) / (pa1 + na1);
  }
  auc[at] = pa0 > 0 && na0 > 0 ? u0 / (2 * pa0 * na0) : NaN;
  ap[at] = pa0 > 0 ? s0 / pa0 : NaN;
  if (both) {
    auc[at + 1] = pa1 > 0 && na1 > 0 ? u1 / (2 * pa1 * na1) : NaN;
    ap[at + 1] = pa1 > 0 ? s1 / pa1 : NaN;
  }
}

/**
 * One pass down a score, tie group by tie group, hashing each row's weights: weighted
 * Mann–Whitney for AUC (ties count ½) and scikit-learn's average precision (Σ ΔRecall ·
 * Precision over thresholds, high to low). For scores with many distinct values, where the group
 * sums would not fit in cache.
 */
export function rankPass(
  s: RankedScore,
  key: number,
  at: number,
  both: boolean,
  auc: Float64Array,
  ap: Float64Array,
): void {
  const { rows, positive, groupEnd } = s;
  let gp0 = 0;
  let gt0 = 0;
  let pa0 = 0;
  let na0 = 0;
  let u0 = 0;
  let s0 = 0;
  let gp1 = 0;
  let gt1 = 0;
  let pa1 = 0;
  let na1 = 0;
  let u1 = 0;
  let s1 = 0;
  let j = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g]!;
    for (; j < end; j++) {
      const h = hashPair(rows[j]!, key);
      const w0 = WEIGHT[h >>> 16]!;
      const w1 = WEIGHT[h & 0xffff]!;
      const pos = positive[j]!;
      gt0 += w0;
      gp0 += pos * w0;
      gt1 += w1;
      gp1 += pos * w1;
    }
    const n0 = gt0 - gp0;
    const n1 = gt1 - gp1;
    u0 += n0 * (2 * pa0 + gp0);
    u1 += n1 * (2 * pa1 + gp1);
    pa0 += gp0;
    na0 += n0;
    pa1 += gp1;
    na1 += n1;
    if (gp0 > 0) s0 += (gp0 * pa0) / (pa0 + na0);
    if (gp1 > 0) s1 += (gp1 * pa1) / (pa1 + na1);
    gp0 = gt0 = gp1 = gt1 = 0;
  }
  auc[at] = pa0 > 0 && na0 > 0 ? u0 / (2 * pa0 * na0) : NaN;
  ap[at] = pa0 > 0 ? s0 / pa0 : NaN;
  if (both) {
    auc[at + 1] = pa1 > 0 && na1 > 0 ? u1 / (2 * pa1 * na1) : NaN;
    ap[at + 1] = pa1 > 0 ? s1 / pa1 : NaN;
  }
}

/**
 * rankPass for scores whose tie groups are mostly single rows (continuous scores: every row its
 * own group). The same steps and the same AUC and AP, restructured for speed (issue 15: 1M untied
 * rows ran at a quarter of the tied set's resamples/s, the per-group step paying for every row):
 * - a row that is its own group (nothing tied before it in the group has weight) takes the
 *   one-row step, branching on its label: a negative adds w·2·pa to the Mann–Whitney sum, a
 *   positive adds to pa and its AP term; the group step's other terms are zero there;
 * - the Mann–Whitney sum is an integer: it is summed in a local per block of rows (V8 keeps an
 *   int there; a double sum per row cost more than the rest of the step) and the blocks' sums
 *   added into a double. Every partial sum is an exact integer below 2^53, so the total is the
 *   same number whatever the grouping (an int32 overflow only makes V8 switch to doubles);
 * - AP's terms are added in the same order with the same expression.
 * So AUC and AP are bit-for-bit rankPass's (poissonPaths.test.ts checks it).
 */
export function singlesPass(
  s: RankedScore,
  key: number,
  at: number,
  both: boolean,
  auc: Float64Array,
  ap: Float64Array,
): void {
  const { rows, positive, groupEnd } = s;
  const m = rows.length;
  let pa0 = 0;
  let na0 = 0;
  let u0 = 0;
  let s0 = 0;
  let pa1 = 0;
  let na1 = 0;
  let u1 = 0;
  let s1 = 0;
  // The current group's sums so far (its rows before the last; 0 for a group of one row).
  let gp0 = 0;
  let gt0 = 0;
  let gp1 = 0;
  let gt1 = 0;
  let g = 0;
  let end = m > 0 ? groupEnd[0]! : 0;
  for (let j0 = 0; j0 < m; j0 += BLOCK) {
    const stop = Math.min(m, j0 + BLOCK);
    let v0 = 0;
    let v1 = 0;
    for (let j = j0; j < stop; j++) {
      const h = hashPair(rows[j]!, key);
      const w0 = WEIGHT[h >>> 16]!;
      const w1 = WEIGHT[h & 0xffff]!;
      const pos = positive[j]!;
      if (j + 1 !== end) {
        // Inside a tie group: sum it, its step comes at its last row.
        gt0 += w0;
        gp0 += pos * w0;
        gt1 += w1;
        gp1 += pos * w1;
        continue;
      }
      end = groupEnd[++g]!;
      if (gt0 === 0 && gt1 === 0) {
        if (pos === 1) {
          pa0 += w0;
          pa1 += w1;
          if (w0 > 0) s0 += (w0 * pa0) / (pa0 + na0);
          if (w1 > 0) s1 += (w1 * pa1) / (pa1 + na1);
        } else {
          v0 += w0 * (2 * pa0);
          v1 += w1 * (2 * pa1);
          na0 += w0;
          na1 += w1;
        }
        continue;
      }
      gt0 += w0;
      gp0 += pos * w0;
      gt1 += w1;
      gp1 += pos * w1;
      const n0 = gt0 - gp0;
      const n1 = gt1 - gp1;
      v0 += n0 * (2 * pa0 + gp0);
      v1 += n1 * (2 * pa1 + gp1);
      pa0 += gp0;
      na0 += n0;
      pa1 += gp1;
      na1 += n1;
      if (gp0 > 0) s0 += (gp0 * pa0) / (pa0 + na0);
      if (gp1 > 0) s1 += (gp1 * pa1) / (pa1 + na1);
      gp0 = gt0 = gp1 = gt1 = 0;
    }
    u0 += v0;
    u1 += v1;
  }
  auc[at] = pa0 > 0 && na0 > 0 ? u0 / (2 * pa0 * na0) : NaN;
  ap[at] = pa0 > 0 ? s0 / pa0 : NaN;
  if (both) {
    auc[at + 1] = pa1 > 0 && na1 > 0 ? u1 / (2 * pa1 * na1) : NaN;
    ap[at + 1] = pa1 > 0 ? s1 / pa1 : NaN;
  }
}

/**
 * Rows per block of singlesPass's integer sums: 64 rows × 2 × a weight (≤ 8) × pa stay in int32
 * up to ~2M of positives' weight; past it V8 sums in doubles, exact all the same.
 */
const BLOCK = 64;

/**
 * A mean that is one value per tie group and label (binary log loss and Brier: functions of the
 * score and the label) as values by code (code / 2 = 2·group + positive), or null when it is not:
 * some row of the cohort has another value than its group's, a value outside the score's rows, or
 * NaN inside them. Checked over every cohort row, so a mean takes the group path only when the
 * group sums give exactly its weighted sum's terms.
 */
export function valuesByGroup(
  values: Float64Array | Float32Array,
  code: Int32Array,
  rows: Uint32Array | null,
  total: number,
  groups: number,
): Float64Array | null {
  const byCode = new Float64Array(2 * groups).fill(NaN);
  for (let j = 0; j < total; j++) {
    const i = rows ? rows[j]! : j;
    const v = values[i]!;
    const c = code[i]!;
    if (c < 0) {
      if (v === v) return null;
      continue;
    }
    if (v !== v) return null;
    const k = c >>> 1;
    const seen = byCode[k]!;
    if (seen !== seen) byCode[k] = v;
    else if (seen !== v) return null;
  }
  return byCode;
}

/**
 * The pair's weighted mean from a score's group sums (groupScatter's acc): Σ v·W over groups and
 * labels instead of Σ v·w over rows. The same terms summed in another order, so equal to the
 * row-order mean within rounding (~1e−13 relative at 1M rows), not bit for bit.
 */
export function groupMean(
  byCode: Float64Array,
  acc: Int32Array,
  groups: number,
  out: Float64Array,
  at: number,
  both: boolean,
): void {
  let a0 = 0;
  let b0 = 0;
  let a1 = 0;
  let b1 = 0;
  for (let k = 0; k < 2 * groups; k++) {
    const x = acc[2 * k]!;
    const y = acc[2 * k + 1]!;
    if (x === 0 && y === 0) continue;
    const v = byCode[k]!;
    a0 += x;
    b0 += v * x;
    a1 += y;
    b1 += v * y;
  }
  out[at] = b0 / a0;
  if (both) out[at + 1] = b1 / a1;
}

/**
 * groupScatter for two scores at once, hashing each row's weights itself: when nothing else
 * reads the weights in row order (binary Compare: log loss and Brier come from the groups too),
 * one loop hashes the cohort and fills both scores' group sums.
 */
export function groupScatterHashed(
  codeA: Int32Array,
  codeB: Int32Array,
  rows: Uint32Array | null,
  total: number,
  key: number,
  accA: Int32Array,
  accB: Int32Array,
): void {
  accA.fill(0);
  accB.fill(0);
  for (let j = 0; j < total; j++) {
    const i = rows ? rows[j]! : j;
    const h = hashPair(i, key);
    const x = WEIGHT[h >>> 16]!;
    const y = WEIGHT[h & 0xffff]!;
    let c = codeA[i]!;
    if (c >= 0) {
      accA[c] = accA[c]! + x;
      accA[c + 1] = accA[c + 1]! + y;
    }
    c = codeB[i]!;
    if (c >= 0) {
      accB[c] = accB[c]! + x;
      accB[c + 1] = accB[c + 1]! + y;
    }
  }
}
