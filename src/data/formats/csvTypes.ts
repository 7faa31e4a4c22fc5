// Type inference for CSV fields: what each text can be, and its value once the column's type is
// known. Every column starts as "anything" and loses a type at the first field that is not it.

export const NULL_TOKENS = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', 'none']);
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
export const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INF = /^[+-]?(inf|Inf|INF|infinity|Infinity)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;

export const BOOL = 1;
export const INTEGER = 2;
export const FLOAT_ = 4;
export const DATE_ = 8;
export const DATETIME_ = 16;
export const LIST = 32;
export const ALL = 63;

/** The types a non-null text can be (bit set). */
export function typesOf(text: string): number {
  let t = 0;
  if (TRUE.has(text) || FALSE.has(text)) t |= BOOL;
  if (INT.test(text)) t |= INTEGER | FLOAT_;
  else if (FLOAT.test(text) || INF.test(text)) t |= FLOAT_;
  if (DATE.test(text)) t |= DATE_ | DATETIME_;
  else if (DATETIME.test(text)) t |= DATETIME_;
  if (text.charCodeAt(0) === 0x5b && text.charCodeAt(text.length - 1) === 0x5d) t |= LIST;
  return t;
}

export function parseNumber(text: string): number {
  const v = Number(text);
  if (v === v) return v;
  return INF.test(text) ? (text.charCodeAt(0) === 0x2d ? -Infinity : Infinity) : NaN;
}

export const parseBool = (text: string): number => (TRUE.has(text) ? 1 : 0);

/** Epoch ms; a time without a zone is read as UTC (as pandas/polars do), not local time. */
export function parseTime(text: string): number {
  if (DATE.test(text)) return Date.parse(`${text}T00:00:00Z`);
  const iso = text.replace(' ', 'T');
  return Date.parse(ZONED.test(iso) ? iso : `${iso}Z`);
}

/** A JSON array of numbers (or nulls), else null. */
export function parseList(text: string): number[] | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(v)) return null;
  for (const x of v) if (typeof x !== 'number' && x !== null) return null;
  return v as number[];
}
