import type { CombinedTable } from '../data/shapes';
import type { EvalArrays } from '../data/prepare';
import type { RoleMapping } from '../data/roles';
import type { Column } from '../data/types';
import { keyReader } from '../data/take';
import type { CohortData } from '../engine/cohort/truth';
import { cohortMask } from '../engine/cohort/evaluate';
import type { Predicate } from '../engine/cohort/predicate';

const MASK_CACHE = 16;

/** The open dataset inside the worker: columns, the prepared role arrays, cached cohort masks. */
export class OpenDataset {
  readonly byName: Map<string, Column>;
  private masks = new Map<string, Uint8Array>();
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
    let m = this.masks.get(key);
    if (!m) {
      m = cohortMask(p, this.cohortData());
      if (this.masks.size >= MASK_CACHE) this.masks.delete(this.masks.keys().next().value!);
      this.masks.set(key, m);
    }
    return m;
  }
}
