// The release-rules grid's last step, shared by the tab and the DuckDB server: each cell is a test
// against the rule's limit; q by Benjamini–Hochberg over every tested cell, then the verdict and,
// for an inconclusive cell, the rows that would decide (semantics: worker/services/rules/rules.ts).
import { Z95, benjaminiHochberg } from '../stats';
import type { Measure, RuleCell, Verdict } from './types';

export const RULES_FDR = 0.05;
export const ALL_ROWS_ID = '__all__';

export const EMPTY: Measure = {
  value: NaN,
  lo: NaN,
  hi: NaN,
  a: NaN,
  b: NaN,
  n: 0,
  p: NaN,
  sd: NaN,
  test: '',
  detail: '',
};

/** Where the interval lies against the limit; BH's q must back a pass or a fail. */
function verdictOf(c: RuleCell): Verdict {
  if (c.reason !== null) return 'not-applicable';
  const safe = c.failWhen === 'above' ? c.hi < c.limit : c.lo > c.limit;
  const beyond = c.failWhen === 'above' ? c.lo > c.limit : c.hi < c.limit;
  if (c.q <= RULES_FDR && safe) return 'pass';
  if (c.q <= RULES_FDR && beyond) return 'fail';
  return 'inconclusive';
}

/**
 * Rows at which the 95% interval around the observed effect would just clear the limit:
 * (1.96 · sd / |estimate − limit|)², sd the per-row spread. Null when the estimate sits on it.
 */
export function rowsNeeded(c: RuleCell): number | null {
  const gap = Math.abs(c.value - c.limit);
  if (!(gap > 0) || !(c.sd > 0)) return null;
  return Math.ceil(((Z95 * c.sd) / gap) ** 2);
}

/** q over every tested cell, then verdicts and rows needed; returns how many tests were counted. */
export function finishCells(cells: RuleCell[]): number {
  const fdr = benjaminiHochberg(
    cells.map((c) => (c.reason === null ? c.p : NaN)),
    RULES_FDR,
  );
  cells.forEach((c, i) => {
    c.q = fdr.q[i]!;
    c.verdict = verdictOf(c);
    if (c.verdict === 'inconclusive') c.rowsNeeded = rowsNeeded(c);
  });
  return fdr.m;
}
