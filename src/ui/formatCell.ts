import type { Cell } from '../protocol';
import { MISSING, formatCount, formatPercent } from './format';

const decimals = (max: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: max, useGrouping: false });
const small = decimals(4);
const large = decimals(2);
// The user's own time zone for instants; calendar dates are shown as written (UTC midnight).
const instant = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const calendar = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A number as text: integers exactly, others to 4 decimals (2 from 100 up). */
export function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return (Math.abs(v) >= 100 ? large : small).format(v);
}

/** Missing values everywhere in the rows table and the row detail. */
export { MISSING };

/** One cell as text; `percent` marks probabilities. Data strings stay text (never markup). */
export function formatCell(c: Cell, percent = false): string {
  if (c === null) return MISSING;
  switch (c.t) {
    case 'num':
      return percent ? formatPercent(c.v) : formatValue(c.v);
    case 'int64':
    case 'str':
      return c.v;
    case 'bool':
      return c.v ? 'true' : 'false';
    case 'time':
      return (c.dateOnly ? calendar : instant).format(c.v);
    case 'vec': {
      const head = c.head.map((x) => x.toFixed(2).replace('-', '−'));
      return `[${head.join(', ')}${c.dim > c.head.length ? ', …' : ''}] ${c.dim}-d`;
    }
    case 'probs':
      return c.top.map((t) => `${t.cls}: ${formatPercent(t.p)}`).join(' · ');
    case 'bytes':
      return `${formatCount(c.n)} bytes`;
  }
}

/** A longer form for tooltips: exact instants in UTC, vector norms. */
export function cellTitle(c: Cell): string | undefined {
  if (c === null) return 'missing';
  if (c.t === 'time') return new Date(c.v).toISOString();
  if (c.t === 'vec') return `${c.dim} values, length ${c.norm.toFixed(3)}`;
  if (c.t === 'num') return String(c.v);
  return undefined;
}

/** Right-aligned cells (numbers line up by digit). */
export function isNumeric(c: Cell, percent: boolean): boolean {
  return c !== null && (c.t === 'num' || percent);
}
