// The release-rules grid's last step, shared by the tab and the DuckDB server: each cell is a test
// against the rule's limit; q by Benjamini–Hochberg over every tested cell, then the verdict and,
// for an inconclusive cell, the rows that would decide (semantics: worker/services/rules/rules.ts).
import { Z95, benjaminiHochberg } from '../stats';
import type { Check } from './measures';
import { ruleLimit, validateRule } from './limits';
import type { Measure, ReleaseRule, RuleCell, Verdict } from './types';

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

/** What a grid measures: the baseline, the versions against it, the readable rules (and why not). */
export interface GridPlan {
  baseline: string;
  versions: string[];
  rules: ReleaseRule[];
  invalid: { ruleId: string; reason: string }[];
}

/** The grid's plan from a request, given the mapped versions' names; throws with none mapped. */
export function planGrid(
  names: string[],
  req: { rules: ReleaseRule[]; baseline: string | null; versions?: string[] },
): GridPlan {
  const baseline = req.baseline && names.includes(req.baseline) ? req.baseline : names[0];
  if (baseline === undefined) throw new Error('no model version is mapped');
  const versions = (req.versions ?? names).filter((v) => v !== baseline && names.includes(v));
  const invalid: GridPlan['invalid'] = [];
  const rules = req.rules.filter((r) => {
    const reason = validateRule(r);
    if (reason) invalid.push({ ruleId: String((r as { id?: unknown }).id ?? '?'), reason });
    return reason === null;
  });
  return { baseline, versions, rules, invalid };
}

/** Why a cohort cannot be measured at all (its predicate failed, or it is empty); else null. */
export function cohortUnmeasurable(c: { error: string | null; size: number }): Check | null {
  if (c.error !== null) return { ok: false, reason: c.error };
  return c.size === 0 ? { ok: false, reason: 'the cohort is empty' } : null;
}

/** One cell before the grid's q and verdict step (finishGrid). */
export function gridCell(
  rule: ReleaseRule,
  cohortId: string,
  version: string,
  check: Check,
): RuleCell {
  return {
    ...(check.ok ? check.m : EMPTY),
    ...ruleLimit(rule),
    ruleId: rule.id,
    cohortId,
    version,
    verdict: 'not-applicable',
    q: NaN,
    rowsNeeded: null,
    reason: check.ok ? null : check.reason,
  };
}

/** The finished grid: q, verdicts and rows needed over every cell, with what was measured. */
export function finishGrid(
  plan: GridPlan,
  cohorts: { id: string; name: string; size: number; error: string | null }[],
  cells: RuleCell[],
) {
  const tests = finishCells(cells);
  return {
    baseline: plan.baseline,
    versions: plan.versions,
    cohorts: cohorts.map(({ id, name, size, error }) => ({ id, name, size, error })),
    rules: plan.rules,
    invalid: plan.invalid,
    cells,
    tests,
    fdr: RULES_FDR,
  };
}
