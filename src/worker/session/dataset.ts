import type { CombinedTable } from '../../data/shapes';
import type { EvalArrays } from '../../data/prepare';
import type { RoleMapping } from '../../shared/roles';
import type { Column } from '../../data/types';
import { keyReader } from '../../data/take';
import type { CohortData } from '../../engine/cohort/truth';
import { cohortMask } from '../../engine/cohort/evaluate';
import type { Predicate } from '../../shared/predicate';
import { DataError } from '../../data/readIpc';
import { ColumnPending, type DeferredColumns } from './deferred';

const MASK_CACHE = 16;
const RESULT_CACHE = 64;

/** A map that forgets its oldest entry past `limit` (insertion order). */
class Lru<V> {
  private m = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.m.get(key);
  }
  set(key: string, v: V): V {
    if (this.m.size >= this.limit) this.m.delete(this.m.keys().next().value!);
    this.m.set(key, v);
    return v;
  }
  clear(): void {
    this.m.clear();
  }
}

/**
 * Columns by name. Names of columns still being read are listed (keys, has) but reaching one
 * (get) throws ColumnPending, and one that could not be read throws its reason: a request never
 * runs on a dataset that silently lacks a column.
 */
export class ColumnMap extends Map<string, Column> {
  deferred: DeferredColumns | null = null;
  /** Every name, loaded or not, in the file's order. */
  order: string[] = [];

  override get(name: string): Column | undefined {
    const c = super.get(name);
    if (c !== undefined || !this.deferred) return c;
    if (this.deferred.pending(name)) throw new ColumnPending(name);
    const failed = this.deferred.failure(name);
    if (failed) throw new DataError(failed);
    return undefined;
  }

  override has(name: string): boolean {
    return super.has(name) || !!this.deferred?.pending(name);
  }

  override keys(): MapIterator<string> {
    if (!this.deferred) return super.keys();
    return this.order.filter((n) => this.has(n))[Symbol.iterator]() as MapIterator<string>;
  }
}

/** The open dataset inside the worker: columns, the prepared role arrays, cached cohort masks. */
export class OpenDataset {
  readonly byName: ColumnMap;
  private masks = new Lru<Uint8Array>(MASK_CACHE);
  /**
   * Small results computed over every row (a cohort's size and metrics, a field's histogram),
   * keyed by what they were computed from: editing one cohort, or reopening the cohort editor,
   * does not recompute the others at 1M rows. Cleared with the roles (they change the metrics).
   */
  private results = new Lru<unknown>(RESULT_CACHE);
  ev: EvalArrays | null = null;
  roles: RoleMapping | null = null;

  constructor(readonly combined: CombinedTable) {
    this.byName = new ColumnMap(combined.columns.map((c) => [c.name, c]));
    this.byName.order = combined.columns.map((c) => c.name);
  }

  /** Columns still being read (features, embeddings) and the order of all of them. */
  defer(deferred: DeferredColumns, order: string[]): void {
    this.byName.deferred = deferred;
    this.byName.order = order;
  }

  /** A column read in the background: placed where the file has it. */
  addColumn(col: Column): void {
    this.byName.set(col.name, col);
    const at = new Map(this.byName.order.map((n, i) => [n, i]));
    const rank = (c: Column) => at.get(c.name) ?? Infinity;
    const cols = [...this.combined.columns, col].sort((a, b) => rank(a) - rank(b));
    this.combined.columns.splice(0, this.combined.columns.length, ...cols);
  }

  /**
   * Throws ColumnPending for the first column still being read (for requests over all of them;
   * `vectors` false: over all but the embeddings).
   */
  requireAll(vectors = true): void {
    const d = this.byName.deferred;
    for (const name of this.byName.order)
      if (d?.pending(name) && (vectors || !d.vector(name))) throw new ColumnPending(name);
  }

  /** Throws ColumnPending (or the failure) for any of `names` not loaded. */
  require(names: Iterable<string | null | undefined>): void {
    for (const n of names) if (n) this.byName.get(n);
  }

  get n(): number {
    return this.combined.numRows;
  }

  setRoles(roles: RoleMapping, ev: EvalArrays): void {
    this.roles = roles;
    this.ev = ev;
    this.masks.clear();
    this.results.clear();
  }

  /** `compute()`, or its cached result for the same `key` under the current roles. */
  cached<T>(key: string, compute: () => T): T {
    const hit = this.results.get(key);
    return hit !== undefined ? (hit as T) : (this.results.set(key, compute()) as T);
  }

  /** Exact string form of each row's id, or null when there is no id column. */
  idKey(): ((i: number) => string | null) | null {
    const name = this.roles?.id ?? this.combined.report.idColumn;
    const col = name ? this.byName.get(name) : undefined;
    return col ? keyReader(col) : null;
  }

  cohortData(): CohortData {
    const ev = this.ev;
    return {
      n: this.n,
      column: (name) => this.byName.get(name),
      label: ev?.label ?? null,
      classes: ev?.classes ?? [],
      version: (name) => ev?.versions.find((v) => v.name === name),
      idKey: this.idKey(),
    };
  }

  /** Membership of a cohort (1 = in); null predicate = all rows. Throws CohortError. */
  maskOf(p: Predicate | null): Uint8Array | null {
    if (!p) return null;
    const key = JSON.stringify(p);
    return this.masks.get(key) ?? this.masks.set(key, cohortMask(p, this.cohortData()));
  }
}
