// Every name and value that enters generated SQL goes through these: identifiers are
// double-quoted with quotes doubled, strings single-quoted with quotes doubled (standard SQL; no
// backslash escapes), numbers parsed from their shortest round-trip text. A NUL byte cannot be
// quoted safely in every engine, so it is refused.

function noNul(s: string, what: string): string {
  if (s.includes('\0')) throw new Error(`${what} contains a NUL character and cannot be queried`);
  return s;
}

/** A column name as a quoted identifier. */
export function ident(name: string): string {
  return `"${noNul(name, `The column name "${name.replace(/\0/g, '\\0')}"`).replace(/"/g, '""')}"`;
}

/** A string literal. */
export function str(value: string): string {
  return `'${noNul(value, 'A value').replace(/'/g, "''")}'`;
}

/**
 * A DOUBLE literal. Through a string cast, because a bare `0.1` is a DECIMAL in DuckDB and
 * ±Infinity has no literal form; the cast parses the shortest round-trip text exactly.
 */
export function num(value: number): string {
  if (Number.isNaN(value)) throw new Error('NaN cannot be used as a value in a query');
  return `CAST('${value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value)}' AS DOUBLE)`;
}

/** A non-negative integer literal (codes, counts, sizes). */
export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an integer`);
  return String(value);
}
