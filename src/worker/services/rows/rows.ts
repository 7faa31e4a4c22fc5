import { cellOf } from '../../../engine/rows/cell';
import { IdIndex } from '../../../engine/rows/idIndex';
import { FoldedIds } from '../../../engine/rows/idSearch';
import { dictionaryRank, maskedRows, sortedOrder } from '../../../engine/rows/sortOrder';
import { CohortError } from '../../../engine/cohort/truth';
import type { Predicate } from '../../../shared/predicate';
import type { OpenDataset } from '../../session/dataset';
import { type RowField, buildFields } from './rowFields';
import type { FindIdsResult, RowColumn, RowsPage, RowsRequest, RowsSort } from '../../../protocol';

/** Sorted orders kept: scrolling pages of one (cohort, sort) never re-sorts. */
const ORDER_CACHE = 6;
/** A page larger than this is a caller bug, not a reason to copy the dataset. */
const MAX_PAGE = 2000;

export const ROW_INDEX = /^#(\d+)$/;

/**
 * The rows table's worker side for one open dataset: the column list, cohort × sort orders
 * (cached), pages of typed cells, and the sorted id index (built on first use). Everything
 * derived from the roles is dropped when the roles change.
 */
export class RowsService {
  private token: unknown = undefined;
  private list: RowField[] = [];
  private byKey = new Map<string, RowField>();
  private orders = new Map<string, Int32Array | null>();
  private ranks = new WeakMap<RowField['column'], Int32Array>();
  private ids: IdIndex | null | undefined = undefined;

  constructor(readonly d: OpenDataset) {}

  private fresh(): void {
    if (this.token === this.d.ev) return;
    // Built before the token is kept: a column still being read throws ColumnPending here, and
    // the request runs again once it is read (worker/gate.ts).
    this.list = buildFields(this.d);
    this.token = this.d.ev;
    this.byKey = new Map(this.list.map((f) => [f.key, f]));
    this.orders.clear();
    this.ids = undefined;
  }

  fields(): RowField[] {
    this.fresh();
    return this.list;
  }

  field(key: string): RowField | undefined {
    this.fresh();
    return this.byKey.get(key);
  }

  columns(): RowColumn[] {
    return this.fields().map(({ column: _c, classes: _k, rank: _r, ...info }) => info);
  }

  /** Rows of the cohort in display order; null = all rows in file order. Throws CohortError. */
  order(cohort: Predicate | null, sort: RowsSort | null): Int32Array | null {
    this.fresh();
    const key = `${JSON.stringify(cohort)}|${sort ? `${sort.desc ? 'd' : 'a'}${sort.column}` : ''}`;
    if (this.orders.has(key)) return this.orders.get(key)!;
    let order: Int32Array | null;
    if (!sort) {
      const mask = this.d.maskOf(cohort);
      order = mask ? maskedRows(mask) : null;
    } else {
      const f = this.byKey.get(sort.column);
      if (!f) throw new CohortError(`there is no column "${sort.column}" to sort by`);
      if (!f.sortable) throw new CohortError(`"${f.label}" holds vectors and cannot be sorted`);
      const base = this.order(cohort, null);
      order = sortedOrder(f.column, base, this.d.n, sort.desc, this.rankOf(f));
    }
    if (this.orders.size >= ORDER_CACHE) this.orders.delete(this.orders.keys().next().value!);
    this.orders.set(key, order);
    return order;
  }

  private rankOf(f: RowField): Int32Array | null {
    if (f.rank) return f.rank;
    if (f.column.kind !== 'string') return null;
    let r = this.ranks.get(f.column);
    if (!r) this.ranks.set(f.column, (r = dictionaryRank(f.column.dictionary)));
    return r;
  }

  rows(req: RowsRequest): RowsPage {
    let order: Int32Array | null;
    try {
      order = this.order(req.cohort, req.sort);
    } catch (err) {
      if (!(err instanceof CohortError)) throw err;
      return { total: 0, offset: 0, rows: [], error: err.message };
    }
    const total = order ? order.length : this.d.n;
    const start = Math.min(Math.max(0, Math.floor(req.offset)), total);
    const end = Math.min(total, start + Math.min(MAX_PAGE, Math.max(0, Math.floor(req.limit))));
    const fields = req.columns.map((k) => this.byKey.get(k));
    const key = this.d.idKey();
    const rows = [];
    for (let p = start; p < end; p++) {
      const i = order ? order[p]! : p;
      const cells = fields.map((f) => (f ? cellOf(f.column, i, f.classes) : null));
      rows.push({ index: i, id: key ? key(i) : null, cells });
    }
    return { total, offset: start, rows, error: null };
  }

  /** The sorted id index, built on first use; null when the dataset has no id column. */
  idIndex(): IdIndex | null {
    this.fresh();
    if (this.ids === undefined) {
      const key = this.d.idKey();
      this.ids = key ? new IdIndex(this.d.n, key) : null;
    }
    return this.ids;
  }

  private folded: FoldedIds | null = null;

  /** Ids in another case and typos are searched only when the id as typed finds nothing. */
  private foldedIds(index: IdIndex): FoldedIds {
    return (this.folded ??= new FoldedIds(index.distinct()));
  }

  findIds(query: string, limit: number, nearest = false): FindIdsResult {
    const q = query.trim();
    const index = this.idIndex();
    const none = { caseFolded: false, nearest: [], distinct: 0, examples: [] };
    if (!index) {
      const m = ROW_INDEX.exec(q);
      const exact = m && Number(m[1]) < this.d.n ? { id: q, count: 1 } : null;
      return { ...none, hasIds: false, exact, suggestions: exact ? [exact] : [] };
    }
    const about = { distinct: index.distinctCount, examples: index.examples(3) };
    const result = { ...none, ...about, hasIds: true, exact: null, suggestions: [] };
    if (!q) return result;
    const max = Math.max(1, Math.min(50, limit));
    const suggestions = index.withPrefix(q, max);
    const first = suggestions[0];
    if (first) return { ...result, exact: first.id === q ? first : null, suggestions };
    const folded = this.foldedIds(index);
    const exact = folded.sameIgnoringCase(q);
    const similar = folded.withPrefix(q, max);
    if (exact || similar.length > 0)
      return { ...result, exact, caseFolded: !!exact, suggestions: similar };
    return nearest ? { ...result, nearest: folded.nearest(q, 2, 5) } : result;
  }
}

const services = new WeakMap<OpenDataset, RowsService>();

/** One service per open dataset, so its caches go when the dataset does. */
export function rowsOf(d: OpenDataset): RowsService {
  let s = services.get(d);
  if (!s) services.set(d, (s = new RowsService(d)));
  return s;
}
