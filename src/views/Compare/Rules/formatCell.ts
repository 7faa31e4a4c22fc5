import type { RuleCell } from '../../../protocol';
import { formatCount } from '../../../ui/format';

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
  if (scale === 'raw') return signed(Math.abs(v).toPrecision(3), v);
  const pts = Math.abs(v * 100).toFixed(1);
  return signed(pts, v) + (unit ? ' pts' : '');
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
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
      ? `${baseline} ${c.a.toPrecision(3)} → ${c.version} ${c.b.toPrecision(3)}`
      : `${baseline} ${pct(c.a)} → ${c.version} ${pct(c.b)}`;
  const limit = `limit ${change(c.limit, c.scale)}`;
  return join(sides, limit, rows, needed(c), c.detail, c.test);
}
