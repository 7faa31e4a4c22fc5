export interface FdrResult {
  /** Benjamini–Hochberg adjusted p-values (q-values), NaN where the input p was NaN. */
  q: Float64Array;
  /** 1 where q ≤ fdr: the discoveries of the BH step-up procedure at that FDR. */
  significant: Uint8Array;
  /** Number of tests (non-NaN p-values) the correction accounted for. */
  m: number;
}

/**
 * Benjamini–Hochberg false discovery rate control. With the m non-NaN p-values sorted
 * ascending, q_(i) = min over j ≥ i of min(1, p_(j)·m / j), which makes q monotone in p; q ≤ fdr
 * selects exactly the hypotheses the step-up rule (largest i with p_(i) ≤ i·fdr/m) rejects.
 * NaN p-values (tests that could not run) are left out of m and stay NaN, not significant.
 */
export function benjaminiHochberg(pValues: ArrayLike<number>, fdr = 0.05): FdrResult {
  const n = pValues.length;
  const q = new Float64Array(n).fill(NaN);
  const significant = new Uint8Array(n);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (pValues[i] === pValues[i]) idx.push(i);
  // Few tests (cohorts × metrics), so a comparator sort is fine here.
  idx.sort((x, y) => pValues[x]! - pValues[y]!);
  const m = idx.length;
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r]!;
    running = Math.min(running, (pValues[i]! * m) / (r + 1));
    q[i] = running;
    if (running <= fdr) significant[i] = 1;
  }
  return { q, significant, m };
}
