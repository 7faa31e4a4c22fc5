// A cohort predicate as a SQL boolean expression with the in-tab engine's three-valued logic
// (engine/cohort/evaluate.ts): a comparison with a null (or NaN) is NULL, and SQL's AND, OR and
// NOT on TRUE/NULL/FALSE are exactly the engine's min, max and 2 − v. So each leaf yields NULL
// exactly where the engine yields UNKNOWN, and `WHERE <expr>` keeps the engine's TRUE rows.
import type { Predicate } from '../../shared/predicate';
import { CohortError } from '../../engine/cohort/truth';
import { compilePattern } from '../../engine/cohort/pattern';
import { type SqlColumn, numberOf, requireColumn } from './columns';
import { num, str } from './quote';
import type { SqlSource } from './types';
import { roleWhere } from './whereRoles';

/** TRUE/FALSE where `known` is not null, NULL where it is (the engine's UNKNOWN). */
export function unlessNull(known: string, value: string): string {
  return `(CASE WHEN ${known} IS NULL THEN NULL ELSE ${value} END)`;
}

function range(value: string, min: number | null, max: number | null): string {
  const parts = [
    ...(min !== null ? [`${value} >= ${num(min)}`] : []),
    ...(max !== null ? [`${value} <= ${num(max)}`] : []),
  ];
  return parts.length ? `(${parts.join(' AND ')})` : unlessNull(value, 'TRUE');
}

function inSet(c: SqlColumn, values: string[]): string {
  if (c.kind === 'string') {
    return values.length
      ? `(${c.sql} IN (${values.map(str).join(', ')}))`
      : unlessNull(c.sql, 'FALSE');
  }
  if (c.kind === 'boolean') {
    const t = values.includes('true') ? 'TRUE' : 'FALSE';
    const f = values.includes('false') ? 'TRUE' : 'FALSE';
    return `(CASE WHEN ${c.sql} THEN ${t} WHEN NOT ${c.sql} THEN ${f} END)`;
  }
  if (c.kind === 'numeric' || c.kind === 'timestamp') {
    // As the engine: each value through Number(); those that are NaN match nothing.
    const nums = [...new Set(values.map(Number))].filter((v) => !Number.isNaN(v));
    const v = numberOf(c);
    return nums.length ? `(${v} IN (${nums.map(num).join(', ')}))` : unlessNull(v, 'FALSE');
  }
  throw new CohortError(`"${c.name}" holds ${c.kind} values and cannot be filtered by category`);
}

function text(c: SqlColumn, p: Extract<Predicate, { op: 'text' }>): string {
  if (c.kind !== 'string') throw new CohortError(`"${c.name}" is not a text column`);
  const cs = !!p.caseSensitive;
  if (p.mode === 'regex') {
    // The same checks (length, RE2 syntax) and messages as the engine; DuckDB's regexp is RE2.
    compilePattern(p.pattern, cs);
    return `regexp_matches(${c.sql}, ${str(p.pattern)}${cs ? '' : ", 'i'"})`;
  }
  // POSITION, not LIKE: the needle needs no escaping. JS lower-cases the needle as the engine.
  return cs
    ? `(POSITION(${str(p.pattern)} IN ${c.sql}) > 0)`
    : `(POSITION(${str(p.pattern.toLowerCase())} IN lower(${c.sql})) > 0)`;
}

/** Null as the engine holds it: NaN numbers, empty binaries and vectors starting with NaN too. */
function isNull(c: SqlColumn): string {
  switch (c.kind) {
    case 'numeric':
      return `(${numberOf(c)} IS NULL)`;
    case 'binary':
      return `(${c.sql} IS NULL OR octet_length(${c.sql}) = 0)`;
    case 'vector':
      return `(${c.sql} IS NULL OR ${c.sql}[1] IS NULL OR isnan(${c.sql}[1]))`;
    default:
      return `(${c.sql} IS NULL)`;
  }
}

/** The predicate as a SQL boolean expression (throws CohortError as the engine would). */
export function whereSql(p: Predicate, src: SqlSource): string {
  switch (p.op) {
    case 'and':
    case 'or':
      if (p.children.length === 0) return p.op === 'and' ? 'TRUE' : 'FALSE';
      return `(${p.children.map((c) => whereSql(c, src)).join(p.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${whereSql(p.child, src)})`;
    case 'range': {
      const c = requireColumn(src, p.column);
      if (c.kind !== 'numeric' && c.kind !== 'timestamp')
        throw new CohortError(`"${c.name}" is not numeric`);
      return range(numberOf(c), p.min, p.max);
    }
    case 'in':
      return inSet(requireColumn(src, p.column), p.values);
    case 'text':
      return text(requireColumn(src, p.column), p);
    case 'isNull':
      return isNull(requireColumn(src, p.column));
    default:
      return roleWhere(p, src, range);
  }
}

/** A WHERE condition for a cohort; null = all rows. */
export function cohortWhere(p: Predicate | null, src: SqlSource): string {
  return p ? whereSql(p, src) : 'TRUE';
}
