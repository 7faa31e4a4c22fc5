/** An id and how many rows carry it (ids are not guaranteed unique). */
export interface IdHit {
  id: string;
  count: number;
}

/**
 * Row ids sorted in code-unit order, for exact lookups and prefix suggestions by binary search.
 * Built once per dataset (and id column); ids are exact strings (int64 beyond 2^53 included).
 */
export class IdIndex {
  /** Ids in sorted order, one entry per row with an id. */
  private readonly sorted: string[];
  /** The row of each entry of `sorted`: duplicates in row order. */
  private readonly rows: Int32Array;

  constructor(n: number, key: (i: number) => string | null) {
    const ids: (string | null)[] = new Array<string | null>(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const k = key(i);
      ids[i] = k;
      if (k !== null) count++;
    }
    const rows = new Int32Array(count);
    let p = 0;
    for (let i = 0; i < n; i++) if (ids[i] !== null) rows[p++] = i;
    rows.sort((a, b) => {
      const x = ids[a]!;
      const y = ids[b]!;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    this.rows = rows;
    this.sorted = Array.from(rows, (i) => ids[i]!);
  }

  get size(): number {
    return this.sorted.length;
  }

  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Every row with exactly this id, in row order (empty when there is none). */
  rowsOf(id: string): number[] {
    const out: number[] = [];
    for (let p = this.lowerBound(id); p < this.sorted.length && this.sorted[p] === id; p++) {
      out.push(this.rows[p]!);
    }
    return out;
  }

  /** Up to `limit` distinct ids starting with `prefix`, in sorted order (so an exact match first). */
  withPrefix(prefix: string, limit: number): IdHit[] {
    const out: IdHit[] = [];
    let p = this.lowerBound(prefix);
    while (p < this.sorted.length && out.length < limit && this.sorted[p]!.startsWith(prefix)) {
      const id = this.sorted[p]!;
      let q = p + 1;
      while (q < this.sorted.length && this.sorted[q] === id) q++;
      out.push({ id, count: q - p });
      p = q;
    }
    return out;
  }

  private distinctIds = -1;

  /** How many distinct ids there are. */
  get distinctCount(): number {
    if (this.distinctIds < 0) {
      let d = 0;
      for (let p = 0; p < this.sorted.length; p++)
        if (p === 0 || this.sorted[p] !== this.sorted[p - 1]) d++;
      this.distinctIds = d;
    }
    return this.distinctIds;
  }

  /** Every distinct id with its count, in sorted order. */
  distinct(): IdHit[] {
    return this.withPrefix('', this.sorted.length);
  }

  /** Up to `k` ids spread over the sorted order (first, …, last), to show what ids look like. */
  examples(k: number): string[] {
    const n = this.sorted.length;
    if (n === 0) return [];
    const picks = new Set<string>();
    for (let j = 0; j < k; j++)
      picks.add(this.sorted[Math.round((j * (n - 1)) / Math.max(1, k - 1))]!);
    return [...picks];
  }
}
