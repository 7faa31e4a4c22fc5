/** The k nearest rows, nearest first (ties: lower row index first). */
export interface Neighbours {
  rows: Int32Array;
  distances: Float64Array;
}

/**
 * A bounded max-heap of the k best (smallest) distances; the root is the worst kept. Rows arrive
 * in increasing index order, so "worse" on equal distance means the higher row index: a later row
 * that ties with the root never displaces it, which gives "ties → lower row index first".
 */
export class TopK {
  private readonly d: Float64Array;
  private readonly r: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.d = new Float64Array(Math.max(k, 1));
    this.r = new Int32Array(Math.max(k, 1));
  }

  /** The distance a row must beat to enter (Infinity until the heap is full). */
  get bound(): number {
    return this.size < this.k ? Infinity : this.d[0]!;
  }

  private worse(i: number, dist: number, row: number): boolean {
    const di = this.d[i]!;
    return di > dist || (di === dist && this.r[i]! > row);
  }

  push(dist: number, row: number): void {
    const { d, r, k } = this;
    if (k <= 0) return;
    if (this.size < k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.worse(p, dist, row)) break;
        d[i] = d[p]!;
        r[i] = r[p]!;
        i = p;
      }
      d[i] = dist;
      r[i] = row;
      return;
    }
    if (!this.worse(0, dist, row)) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= k) break;
      const right = left + 1;
      const c = right < k && this.worse(right, d[left]!, r[left]!) ? right : left;
      if (!this.worse(c, dist, row)) break;
      d[i] = d[c]!;
      r[i] = r[c]!;
      i = c;
    }
    d[i] = dist;
    r[i] = row;
  }

  sorted(): Neighbours {
    const order = Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => this.d[a]! - this.d[b]! || this.r[a]! - this.r[b]!,
    );
    return {
      rows: Int32Array.from(order, (i) => this.r[i]!),
      distances: Float64Array.from(order, (i) => this.d[i]!),
    };
  }
}
