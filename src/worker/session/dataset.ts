import type { CombinedTable } from '../../data/shapes';
import type { EvalArrays } from '../../data/prepare';
import type { RoleMapping } from '../../shared/roles';
import type { Column } from '../../data/types';
import { keyReader } from '../../data/take';
import type { CohortData } from '../../engine/cohort/truth';
import { cohortMask } from '../../engine/cohort/evaluate';
import type { Predicate } from '../../shared/predicate';

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

/** The open dataset inside the worker: columns, the prepared role arrays, cached cohort masks. */
export class OpenDataset {
  readonly byName: Map<string, Column>;
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
    this.byName = new Map(combined.columns.map((c) => [c.name, c]));
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
