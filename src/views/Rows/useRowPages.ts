import { useCallback, useRef, useState } from 'react';
import { client } from '../../worker/client';
import type { Cell, RowsPage, RowsRequest } from '../../protocol';

/** Rows per request: a screenful is ~30, so one page covers several screens of scrolling. */
export const PAGE = 200;
/** Pages kept; the main thread holds at most PAGE × KEEP rows, whatever the dataset's size. */
const KEEP = 12;

export type RowsQuery = Omit<RowsRequest, 'offset' | 'limit'>;

/** One loaded row; `pos` is its place in the sorted cohort. */
export interface GridRow {
  pos: number;
  index: number;
  id: string | null;
  cells: Record<string, Cell>;
}

interface Store {
  key: string;
  pages: Map<number, GridRow[]>;
  total: number | null;
  error: string | null;
}

const EMPTY = new Map<number, GridRow[]>();

function toRows(page: RowsPage, columns: string[]): GridRow[] {
  return page.rows.map((r, j) => ({
    pos: page.offset + j,
    index: r.index,
    id: r.id,
    cells: Object.fromEntries(columns.map((c, k) => [c, r.cells[k] ?? null])),
  }));
}

/** Keeps the pages nearest to the one the user is looking at. */
function evict(pages: Map<number, GridRow[]>, center: number): Map<number, GridRow[]> {
  if (pages.size <= KEEP) return pages;
  const keep = [...pages.keys()].sort((a, b) => Math.abs(a - center) - Math.abs(b - center));
  return new Map(keep.slice(0, KEEP).map((p) => [p, pages.get(p)!]));
}

/**
 * Pages of the rows table fetched from the worker as the visible range moves, with a small
 * cache. A new query (cohort, sort or columns) starts a fresh cache; late answers to an old
 * query are dropped. `ensure(first, last, pages)` asks for the pages covering those positions
that are not in `pages` yet.
 */
export function useRowPages(query: RowsQuery | null) {
  const key = query ? JSON.stringify(query) : '';
  const [store, setStore] = useState<Store>({ key: '', pages: EMPTY, total: null, error: null });
  // What is in flight, and the query and page on screen now: answers to older queries are
  // dropped, and the cache keeps the pages nearest to what is on screen.
  const live = useRef({ key: '', page: 0, inFlight: new Set<number>() });
  const current = store.key === key ? store : null;

  const ensure = useCallback(
    (first: number, last: number, have: Map<number, GridRow[]>) => {
      if (!query) return;
      if (live.current.key !== key) live.current = { key, page: 0, inFlight: new Set() };
      const state = live.current;
      const firstPage = Math.floor(Math.max(0, first) / PAGE);
      state.page = firstPage;
      for (let p = firstPage; p <= Math.floor(Math.max(0, last) / PAGE); p++) {
        if (have.has(p) || state.inFlight.has(p)) continue;
        state.inFlight.add(p);
        client.rows({ ...query, offset: p * PAGE, limit: PAGE }).then(
          (page) => {
            state.inFlight.delete(p);
            if (live.current !== state) return;
            setStore((s) => {
              const base = s.key === key ? s.pages : EMPTY;
              if (base.has(p)) return s;
              const pages = evict(new Map(base).set(p, toRows(page, query.columns)), state.page);
              return { key, pages, total: page.total, error: page.error };
            });
          },
          (err: unknown) => {
            state.inFlight.delete(p);
            if (live.current !== state) return;
            const error = err instanceof Error ? err.message : String(err);
            setStore({ key, pages: EMPTY, total: 0, error });
          },
        );
      }
    },
    // `key` describes the query object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  return {
    pages: current?.pages ?? EMPTY,
    total: current?.total ?? null,
    error: current?.error ?? null,
    ensure,
  };
}
