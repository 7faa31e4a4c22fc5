import type { IdHit } from './idIndex';

/** Edit distance of a and b if it is at most `max`, else max + 1 (rows stop once all exceed it). */
export function boundedEditDistance(a: string, b: string, max: number, row: Int32Array): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(up + 1, row[j - 1]! + 1, diag + cost);
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return Math.min(row[b.length]!, max + 1);
}

/**
 * The distinct ids folded to lower case and sorted, for what people type: another case
 * ("D00084" for "d00084"), and typos ("d0o084"). Built once, on the first search that needs it.
 */
export class FoldedIds {
  private readonly keys: string[];
  private readonly hits: IdHit[];

  constructor(distinct: IdHit[]) {
    const folded = distinct.map((h) => h.id.toLowerCase());
    const order = Array.from(distinct.keys()).sort((x, y) =>
      folded[x]! < folded[y]! ? -1 : folded[x]! > folded[y]! ? 1 : x - y,
    );
    this.keys = order.map((i) => folded[i]!);
    this.hits = order.map((i) => distinct[i]!);
  }

  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The one id equal to `q` ignoring case, or null when none is or several are. */
  sameIgnoringCase(q: string): IdHit | null {
    const key = q.toLowerCase();
    const p = this.lowerBound(key);
    if (this.keys[p] !== key) return null;
    return this.keys[p + 1] === key ? null : this.hits[p]!;
  }

  /** Up to `limit` ids starting with `prefix` ignoring case, in folded order. */
  withPrefix(prefix: string, limit: number): IdHit[] {
    const key = prefix.toLowerCase();
    const out: IdHit[] = [];
    for (let p = this.lowerBound(key); p < this.keys.length && out.length < limit; p++) {
      if (!this.keys[p]!.startsWith(key)) break;
      out.push(this.hits[p]!);
    }
    return out;
  }

  /** Ids within `maxEdits` edits of `q` ignoring case, closest first (then in folded order). */
  nearest(q: string, maxEdits: number, limit: number): IdHit[] {
    const key = q.toLowerCase();
    const row = new Int32Array(key.length + maxEdits + 2);
    const found: { d: number; p: number }[] = [];
    for (let p = 0; p < this.keys.length; p++) {
      const d = boundedEditDistance(this.keys[p]!, key, maxEdits, row);
      if (d <= maxEdits) found.push({ d, p });
    }
    found.sort((a, b) => a.d - b.d || a.p - b.p);
    return found.slice(0, limit).map((f) => this.hits[f.p]!);
  }
}
