import type { RuleCell } from '../../../protocol';
import {
  formatCount,
  formatP as formatPValue,
  formatPercent,
  formatPoints,
  formatSignificant,
} from '../../../ui/format';

/** Verdicts in words with a mark, so the grid does not rely on colour alone. */
export const VERDICT_NAMES: Record<RuleCell['verdict'], string> = {
  pass: '✓ Pass',
  fail: '✗ Fail',
  inconclusive: '? Inconclusive',
  'not-applicable': '– Not applicable',
};

const signed = (s: string, v: number) => (v > 0 ? `+${s}` : v < 0 ? `−${s}` : s);

/** A change in points (fractions × 100) or in the metric's unit, with its sign. */
function change(v: number, scale: RuleCell['scale'], unit = true): string {
  if (scale === 'raw') return signed(formatSignificant(Math.abs(v)), v);
  return formatPoints(v, unit).replace('±', '');
}

const pct = (v: number) => formatPercent(v);

/** "= 0.012" or "< 0.001": the shared p format with its relation, for a sentence. */
export function formatP(p: number): string {
  const s = formatPValue(p);
  return s.startsWith('<') || s === '–' ? s : `= ${s}`;
}

/** A cell's estimate, its interval and its tests, each readable on its own. */
export function cellParts(c: RuleCell): { estimate: string; interval: string; tests: string } {
  const tests = `p vs limit ${formatP(c.p)}, q ${formatP(c.q)}`;
  if (c.measure === 'level') {
    return {
      estimate: `Rate ${pct(c.value)}`,
      interval: `95% CI ${pct(c.lo)} to ${pct(c.hi)}`,
      tests,
    };
  }
  const interval = `95% CI ${change(c.lo, c.scale, false)} to ${change(c.hi, c.scale, false)}`;
  return { estimate: `Δ ${change(c.value, c.scale)}`, interval, tests };
}

/** The headline numbers of a cell, e.g. "Δ +2.4 pts (95% CI +1.1 to +3.8), p = 0.001". */
export function cellNumbers(c: RuleCell): string {
  if (c.reason !== null) return c.reason;
  const { estimate, interval, tests } = cellParts(c);
  return `${estimate} (${interval}), ${tests}`;
}

/** Inconclusive: how many rows would decide at the observed effect. */
function needed(c: RuleCell): string {
  if (c.verdict !== 'inconclusive') return '';
  if (c.rowsNeeded === null) return 'the estimate sits on the limit: more rows cannot decide';
  return `about ${formatCount(c.rowsNeeded)} rows would decide at this effect`;
}

/** The second line: both sides, the limit, the rows and counts behind the test. */
export function cellDetail(c: RuleCell, baseline: string): string {
  if (c.reason !== null) return '';
  const rows = `${formatCount(c.n)} rows`;
  const join = (...parts: string[]) => parts.filter((x) => x !== '').join(' · ');
  if (c.measure === 'level') return join(`limit ${pct(c.limit)}`, needed(c), c.detail, c.test);
  const sides =
    c.scale === 'raw'
      ? `${baseline} ${formatSignificant(c.a)} → ${c.version} ${formatSignificant(c.b)}`
      : `${baseline} ${pct(c.a)} → ${c.version} ${pct(c.b)}`;
  const limit = `limit ${change(c.limit, c.scale)}`;
  return join(sides, limit, rows, needed(c), c.detail, c.test);
}
