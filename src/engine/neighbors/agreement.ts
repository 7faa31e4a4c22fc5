/** How a row's label compares with its neighbours' labels. */
export interface LabelAgreement {
  /** Neighbours that have a label. */
  labelled: number;
  /** Of those, how many carry a different label than the row. */
  different: number;
  /** The most common neighbour label (-1 when none has one); ties → lower class code. */
  majority: number;
  majorityCount: number;
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
  for (let c = 0; c < counts.length; c++) {
    if (counts[c]! > majorityCount) {
      majority = c;
      majorityCount = counts[c]!;
    }
  }
  return { labelled, different, majority, majorityCount };
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
 * Likely label errors: rows at least half of whose labelled neighbours carry another label; most
 * disagreement first, then the most unanimous neighbours, then row.
 */
export function rankSuspects(rows: SuspectRow[], limit: number): SuspectRow[] {
  return rows
    .filter((r) => r.labelled > 0 && r.share >= 0.5)
    .sort(
      (a, b) =>
        b.share - a.share ||
        b.majorityCount / (b.labelled || 1) - a.majorityCount / (a.labelled || 1) ||
        a.row - b.row,
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
