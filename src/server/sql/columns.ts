// How a DuckDB column type maps onto the kinds the in-tab engine holds (src/data/types.ts), and
// the SQL value expressions that give each kind the engine's in-band null conventions: NaN is a
// null number, timestamps are epoch milliseconds, probability vectors are float32.
import type { ColumnKind } from '../../data/types';
import { CohortError } from '../../engine/cohort/truth';
import type { SqlSource } from './types';
import { ident } from './quote';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;
const INTEGER =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const FLOATS = /^(FLOAT|DOUBLE)$/;

/** The engine's kind for a DuckDB type, or null for a type the app does not read (skipped). */
export function kindOf(type: string): ColumnKind | null {
  const t = type.toUpperCase();
  if (NUMERIC.test(t)) return 'numeric';
  if (t === 'VARCHAR' || t.startsWith('ENUM(')) return 'string';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'BLOB') return 'binary';
  if (/^[A-Z]+(\(\d+,\s*\d+\))?\[\d*\]$/.test(t)) return 'vector';
  return null;
}

export interface SqlColumn {
  name: string;
  type: string;
  kind: ColumnKind;
  /** The quoted identifier. */
  sql: string;
}

/** A column the engine would hold, or null (missing, or of a type the app skips). */
export function findColumn(src: SqlSource, name: string | null): SqlColumn | null {
  if (name === null) return null;
  const c = src.columns.find((x) => x.name === name);
  const kind = c ? kindOf(c.type) : null;
  return c && kind ? { name, type: c.type.toUpperCase(), kind, sql: ident(name) } : null;
}

export function requireColumn(src: SqlSource, name: string): SqlColumn {
  const c = findColumn(src, name);
  if (!c) throw new CohortError(`the column "${name}" does not exist in this dataset`);
  return c;
}

/** Integers need no NaN check; floats hold NaN, which the engine reads as null. */
export function isInteger(c: SqlColumn): boolean {
  return INTEGER.test(c.type);
}

/** DOUBLE with NaN as NULL (DuckDB orders NaN as equal to itself, so NULLIF finds it). */
export function nanToNull(sql: string): string {
  return `NULLIF(${sql}, CAST('NaN' AS DOUBLE))`;
}

/** A numeric or timestamp column as the engine's float64 value (NaN and null both NULL). */
export function numberOf(c: SqlColumn): string {
  if (c.kind === 'timestamp') return `(CAST(epoch_us(${c.sql}) AS DOUBLE) / 1000)`;
  const d = `CAST(${c.sql} AS DOUBLE)`;
  return FLOATS.test(c.type) ? nanToNull(d) : d;
}
