import { client } from '../../worker/client';
import type { Thumbnail } from '../../protocol';

/** Decoded pixels kept on the page: scrolling back redraws without asking the worker. */
const CAP_BYTES = 48 * 2 ** 20;

const cache = new Map<string, Thumbnail>();
let cached = 0;
const bytesOf = (t: Thumbnail) => ('rgba' in t ? t.rgba.byteLength : 64);

function remember(key: string, t: Thumbnail) {
  cache.set(key, t);
  cached += bytesOf(t);
  // Map order is insertion order: the first entries are the least recently used.
  for (const [k, old] of cache) {
    if (cached <= CAP_BYTES) break;
    cache.delete(k);
    cached -= bytesOf(old);
  }
}

export interface ThumbQuery {
  dataset: string;
  column: string;
  row: number;
  size: number;
  origins: string[];
}

export const thumbKey = (q: ThumbQuery) =>
  `${q.dataset}\u0000${q.column}\u0000${q.size}\u0000${q.origins.join(' ')}\u0000${q.row}`;

/** A cached thumbnail, marked as just used. */
export function cachedThumb(key: string): Thumbnail | undefined {
  const t = cache.get(key);
  if (t) {
    cache.delete(key);
    cache.set(key, t);
  }
  return t;
}

type Waiter = (t: Thumbnail) => void;
/** Cells asking in the same frame share one request per column and size. */
const pending = new Map<string, { q: Omit<ThumbQuery, 'row'>; rows: Map<number, Set<Waiter>> }>();
let scheduled = false;

function flush() {
  scheduled = false;
  const groups = [...pending.values()];
  pending.clear();
  for (const g of groups) {
    // Cells that left the screen before the request went out are not asked for.
    const rows = [...g.rows].filter(([, w]) => w.size > 0).map(([r]) => r);
    if (rows.length === 0) continue;
    const fail = (placeholder: string) => rows.map((row) => ({ row, placeholder }));
    client
      .thumbnails({ column: g.q.column, rows, size: g.q.size, origins: g.q.origins })
      .catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)))
      .then((out) => {
        for (const t of out) {
          remember(thumbKey({ ...g.q, row: t.row }), t);
          g.rows.get(t.row)?.forEach((w) => w(t));
        }
      });
  }
}

/** Asks for one cell's pixels; `cancel` when the cell leaves the screen. */
export function requestThumb(q: ThumbQuery, done: Waiter): () => void {
  const { row, ...rest } = q;
  const groupKey = thumbKey({ ...q, row: -1 });
  let g = pending.get(groupKey);
  if (!g) pending.set(groupKey, (g = { q: rest, rows: new Map() }));
  let waiters = g.rows.get(row);
  if (!waiters) g.rows.set(row, (waiters = new Set()));
  waiters.add(done);
  if (!scheduled) {
    scheduled = true;
    setTimeout(flush, 0);
  }
  const mine = waiters;
  return () => mine.delete(done);
}
