// Rows in server mode: sorted pages (ORDER BY the column, nulls last, ties in row order, as the
// engine's sortedOrder), the cohort as a WHERE, and find-by-id on the id's text. Only the page
// asked for leaves DuckDB.
import type { Cell } from '../../engine/rows/cell';
import { CohortError } from '../../engine/cohort/truth';
import type { FindIdsResult, RowsPage, RowsRequest } from '../../protocol';
import type { Predicate } from '../../shared/predicate';
import { ident, int, str } from '../sql/quote';
import { numberOf } from '../sql/columns';
import { whereSql } from '../sql/where';
import type { SqlQuery, SqlSource } from '../sql/types';
import { ROW } from '../served';
import { type SqlField, buildSqlFields, idColumnOf } from './rowFields';

const MAX_PAGE = 2000;
const MAX_CELL_TEXT = 2000;
const INT64 = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT)$/;

/** SQL reading a field's value in the form its cell needs. */
export function cellSql(f: SqlField): string {
  if (f.type === null) return f.sql;
  const c = { name: f.key, type: f.type, kind: f.kind, sql: f.sql };
  switch (f.kind) {
    case 'numeric':
      return INT64.test(f.type) ? `CAST(${f.sql} AS VARCHAR)` : numberOf(c);
    case 'timestamp':
      return numberOf(c);
    case 'string':
      return `left(${f.sql}, ${MAX_CELL_TEXT + 1})`;
    case 'binary':
      return `octet_length(${f.sql})`;
    default:
      return f.sql;
  }
}

function top(values: number[], classes: string[], k: number) {
  return values
    .map((p, j) => ({ cls: classes[j]!, p }))
    .filter((x) => x.p === x.p && x.p !== null)
    .sort((a, b) => b.p - a.p)
    .slice(0, k);
}

/** A DuckDB value as the engine's cell (engine/rows/cell.ts cellOf). */
export function cellOfValue(f: SqlField, v: unknown, k = 2): Cell {
  if (v === null || v === undefined) return null;
  switch (f.kind) {
    case 'numeric':
      if (typeof v === 'string') return { t: 'int64', v };
      return Number.isNaN(Number(v)) ? null : { t: 'num', v: Number(v) };
    case 'string': {
      const s = String(v);
      return { t: 'str', v: s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT)}…` : s };
    }
    case 'boolean':
      return { t: 'bool', v: v === true };
    case 'timestamp':
      return { t: 'time', v: Number(v), dateOnly: f.type === 'DATE' };
    case 'binary':
      return Number(v) === 0 ? null : { t: 'bytes', n: Number(v) };
    case 'vector': {
      const xs = (v as (number | null)[]).map((x) => (x === null ? NaN : Number(x)));
      if (xs.length === 0 || Number.isNaN(xs[0])) return null;
      if (f.classes && f.classes.length === xs.length)
        return { t: 'probs', top: top(xs, f.classes, k) };
      const norm = Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
      // float32 values, as the engine holds vectors.
      return { t: 'vec', dim: xs.length, head: xs.slice(0, 3).map(Math.fround), norm };
    }
  }
}

export class SqlRows {
  private fieldList: SqlField[] = [];
  private rolesKey = '';

  constructor(
    private readonly db: SqlQuery,
    private readonly src: SqlSource,
    private readonly idFallback: string | null,
  ) {}

  fields(): SqlField[] {
    const key = JSON.stringify([this.src.roles, this.src.thresholds, this.src.classes]);
    if (key !== this.rolesKey) {
      this.rolesKey = key;
      this.fieldList = buildSqlFields(this.src, this.idFallback);
    }
    return this.fieldList;
  }

  columns() {
    return this.fields().map(({ sql: _s, type: _t, classes: _c, rankSql: _r, ...info }) => info);
  }

  /** The id as text (keyReader's form), or null when the dataset has none. */
  idSql(): string | null {
    const c = idColumnOf(this.src, this.idFallback);
    if (!c || c.kind === 'vector' || c.kind === 'binary') return null;
    if (c.kind === 'boolean') return `CAST(${c.sql} AS VARCHAR)`;
    if (c.kind === 'numeric' && !INT64.test(c.type) && !/INT/.test(c.type)) return null;
    return c.kind === 'string' ? c.sql : `CAST(${c.sql} AS VARCHAR)`;
  }

  /**
   * Rows whose id is exactly `q`. An integer id is compared as a number, which DuckDB can
   * check against Parquet row-group statistics instead of casting every row to text.
   */
  idEquals(q: string): string | null {
    const id = this.idSql();
    if (!id) return null;
    const c = idColumnOf(this.src, this.idFallback)!;
    if (c.kind === 'numeric' && /INT/.test(c.type))
      return /^-?(0|[1-9]\d{0,37})$/.test(q) && q !== '-0' ? `${c.sql} = ${q}` : 'FALSE';
    return `${id} = ${str(q)}`;
  }

  where(cohort: Predicate | null): string {
    return cohort ? whereSql(cohort, this.src) : 'TRUE';
  }

  private readonly counts = new Map<string, number>();

  /**
   * Rows where `where` holds: the served files never change, so a cohort's count is kept (the
   * grid asks it with every page) and all rows' is the count taken at start.
   */
  private async count(where: string): Promise<number> {
    if (where === 'TRUE') return this.src.rowCount;
    const known = this.counts.get(where);
    if (known !== undefined) return known;
    const [c] = await this.db.rows(`SELECT count(*) AS n FROM ${this.src.from} WHERE ${where}`);
    const n = Number(c!.n);
    if (this.counts.size >= 64) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(where, n);
    return n;
  }

  async rows(req: RowsRequest): Promise<RowsPage> {
    let where: string;
    let order = ident(ROW);
    try {
      where = this.where(req.cohort);
      if (req.sort) {
        const f = this.fields().find((x) => x.key === req.sort!.column);
        if (!f) throw new CohortError(`there is no column "${req.sort.column}" to sort by`);
        if (!f.sortable) throw new CohortError(`"${f.label}" holds vectors and cannot be sorted`);
        // int64 sorts exactly; floats with NaN as null; derived flips by their code.
        const exactInt = f.kind === 'numeric' && f.type !== null && INT64.test(f.type);
        const v = f.rankSql ?? (exactInt || f.kind === 'string' ? f.sql : cellSql(f));
        order = `${v} ${req.sort.desc ? 'DESC' : 'ASC'} NULLS LAST, ${ident(ROW)}`;
      }
    } catch (err) {
      if (!(err instanceof CohortError)) throw err;
      return { total: 0, offset: 0, rows: [], error: err.message };
    }
    const total = await this.count(where);
    const start = Math.min(Math.max(0, Math.floor(req.offset)), total);
    const limit = Math.min(MAX_PAGE, Math.max(0, Math.floor(req.limit)), total - start);
    if (limit === 0) return { total, offset: start, rows: [], error: null };
    const byKey = new Map(this.fields().map((f) => [f.key, f]));
    const fields = req.columns.map((k) => byKey.get(k));
    const id = this.idSql();
    const cols = [
      `${ident(ROW)} AS r`,
      `${id ?? 'NULL'} AS id`,
      ...fields.map((f, j) => `${f ? cellSql(f) : 'NULL'} AS c${j}`),
    ];
    const rows = await this.db.rows(
      `SELECT ${cols.join(', ')} FROM ${this.src.from} WHERE ${where} ORDER BY ${order} LIMIT ${int(limit)} OFFSET ${int(start)}`,
    );
    return {
      total,
      offset: start,
      rows: rows.map((r) => ({
        index: Number(r.r),
        id: r.id === null ? null : String(r.id),
        cells: fields.map((f, j) => (f ? cellOfValue(f, r[`c${j}`]) : null)),
      })),
      error: null,
    };
  }

  async findIds(query: string, limit: number): Promise<FindIdsResult> {
    const q = query.trim();
    const id = this.idSql();
    const none = { caseFolded: false, nearest: [], distinct: 0, examples: [] };
    if (!id) {
      const m = /^#(\d+)$/.exec(q);
      const exact = m && Number(m[1]) < this.src.rowCount ? { id: q, count: 1 } : null;
      return { ...none, hasIds: false, exact, suggestions: exact ? [exact] : [] };
    }
    const ids = `(SELECT ${id} AS id FROM ${this.src.from} WHERE ${id} IS NOT NULL)`;
    const [d] = await this.db.rows(`SELECT count(DISTINCT id) AS d, count(*) AS n FROM ${ids}`);
    const distinct = Number(d!.d);
    // Three ids spread over the sorted ids of all rows, as IdIndex.examples picks them.
    const n = Number(d!.n);
    const at = [0, 1, 2].map((j) => Math.round((j * (n - 1)) / 2));
    const ex = n
      ? await this.db.rows(
          `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS p FROM ${ids}) ` +
            `WHERE p IN (${at.map(int).join(', ')}) ORDER BY p`,
        )
      : [];
    const examples = [...new Set(ex.map((r) => String(r.id)))];
    const result = { ...none, distinct, examples, hasIds: true, exact: null, suggestions: [] };
    if (!q) return result;
    const max = Math.max(1, Math.min(50, limit));
    const hits = async (cond: string) =>
      (
        await this.db.rows(
          `SELECT id, count(*) AS n FROM ${ids} WHERE ${cond} GROUP BY id ORDER BY id LIMIT ${int(max)}`,
        )
      ).map((r) => ({ id: String(r.id), count: Number(r.n) }));
    const suggestions = await hits(`starts_with(id, ${str(q)})`);
    const first = suggestions[0];
    if (first) return { ...result, exact: first.id === q ? first : null, suggestions };
    const similar = await hits(`starts_with(lower(id), ${str(q.toLowerCase())})`);
    const same = similar.filter((h) => h.id.toLowerCase() === q.toLowerCase());
    const exact = same.length === 1 ? same[0]! : null;
    return { ...result, exact, caseFolded: !!exact, suggestions: similar };
  }
}
