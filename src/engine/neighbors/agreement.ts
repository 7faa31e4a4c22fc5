/** How a row's label compares with its neighbours' labels. */
export interface LabelAgreement {
  /** Neighbours that have a label. */
  labelled: number;
  /** Of those, how many carry a different label than the row. */
  different: number;
  /** The most common neighbour label (-1 when none has one); ties → lower class code. */
  majority: number;
  majorityCount: number;
  /** The most common neighbour label other than the row's own (-1 when none); ties → lower. */
  other: number;
  otherCount: number;
}

/** Label agreement of a row (label code `own`, -1 = none) with its neighbours `rows`. */
export function labelAgreement(
  rows: Int32Array,
  label: Int32Array,
  own: number,
  classes: number,
): LabelAgreement {
  const counts = new Int32Array(Math.max(classes, 1));
  let labelled = 0;
  let different = 0;
  for (let i = 0; i < rows.length; i++) {
    const l = label[rows[i]!]!;
    if (l < 0) continue;
    labelled++;
    if (l !== own) different++;
    if (l < counts.length) counts[l]!++;
  }
  let majority = -1;
  let majorityCount = 0;
  let other = -1;
  let otherCount = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c]! > majorityCount) [majority, majorityCount] = [c, counts[c]!];
    if (c !== own && counts[c]! > otherCount) [other, otherCount] = [c, counts[c]!];
  }
  return { labelled, different, majority, majorityCount, other, otherCount };
}

/** Rows two neighbour lists share (what stayed when the embedding changed between versions). */
export function sharedNeighbours(a: Int32Array, b: Int32Array): number {
  const seen = new Set(a);
  let shared = 0;
  for (const r of b) if (seen.has(r)) shared++;
  return shared;
}

/** One row's suspicion score in a label-noise scan. */
export interface SuspectRow extends LabelAgreement {
  row: number;
  label: number;
  /** different / labelled: the share of neighbours that disagree with the row's label. */
  share: number;
}

/**
 * Likely label errors: rows where a strict majority of the labelled neighbours holds one other
 * label (that label is the suggestion). Half disagreeing is not enough: a 3–3 tie between the
 * row's label and another, or disagreement split over several labels, names no better label.
 * Strongest majority first, then the most disagreement, then row.
 */
export function rankSuspects(rows: SuspectRow[], limit: number): SuspectRow[] {
  return rows
    .filter((r) => r.other >= 0 && 2 * r.otherCount > r.labelled)
    .sort(
      (a, b) =>
        b.otherCount / b.labelled - a.otherCount / a.labelled || b.share - a.share || a.row - b.row,
    )
    .slice(0, limit);
}

/**
 * How many query rows a cohort-wide scan may check: each query is a full pass over n × dim
 * vectors (plus a fixed cost per row, about 32 multiply-adds' worth, that dominates at small
 * dims), so the budget keeps the scan to tens of seconds at any size.
 */
export function scanCap(n: number, dim: number, budget = 3e10, max = 5000): number {
  return Math.max(50, Math.min(max, Math.floor(budget / Math.max(1, n * (dim + 32)))));
}
