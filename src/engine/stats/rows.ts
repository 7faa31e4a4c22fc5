/** Row indices where mask[i] = 1, ascending: the "cohort rows" the bootstrap builders take. */
export function rowsFromMask(mask: Uint8Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) n++;
  const rows = new Uint32Array(n);
  let j = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) rows[j++] = i;
  return rows;
}

/** Number of candidate rows: the subset's size, or every row of a column of length n. */
export function candidateCount(rows: Uint32Array | undefined, n: number): number {
  return rows === undefined ? n : rows.length;
}

/** Row index of the j-th candidate. */
export function rowAt(rows: Uint32Array | undefined, j: number): number {
  return rows === undefined ? j : rows[j]!;
}
