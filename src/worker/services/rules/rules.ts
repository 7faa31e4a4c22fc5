// Release rules as a cohort × rule grid, for every version against the baseline.
//
// Semantics of a cell (documented under the grid too):
// - "fail": the estimate is beyond the rule's limit (a drop larger than allowed, a rise larger
//   than allowed, a flip rate above the cap) AND the test rejects after Benjamini–Hochberg
//   across every test in the grid (q ≤ 0.05). Change rules test "no change" (McNemar on the
//   discordant rows for accuracy and shares above a threshold; a paired bootstrap for macro-F1,
//   AUC, MAE, RMSE); the flip-rate rule tests "rate ≤ cap" (exact one-sided binomial).
// - "not significant": the estimate is beyond the limit but the test does not reject: too few
//   rows to tell a real change from noise.
// - "pass": the estimate is within the limit.
// - "not applicable": the rule cannot be measured here (task, missing scores, empty cohort).
import type { EvalArrays } from '../../../data/prepare';
import type { CohortDef } from '../../../shared/predicate';
import { CohortError, popcount } from '../../../engine/cohort/evaluate';
import { benjaminiHochberg, rowsFromMask } from '../../../engine/stats';
import type { OpenDataset } from '../../session/dataset';
import { checkRule } from './checks';
import { ruleLimit, validateRule } from './limits';
import type { Measure, RuleCell, RulesRequest, RulesResult, Verdict } from '../../../protocol';

export const RULES_FDR = 0.05;
export const ALL_ROWS_ID = '__all__';

const EMPTY: Measure = {
  value: NaN,
  lo: NaN,
  hi: NaN,
  a: NaN,
  b: NaN,
  n: 0,
  p: NaN,
  test: '',
  detail: '',
};

function cohortsOf(d: OpenDataset, defs: CohortDef[]) {
  const all = { id: ALL_ROWS_ID, name: 'All rows', mask: undefined as Uint8Array | undefined };
  const out = [{ ...all, size: d.n, error: null as string | null }];
  for (const c of defs) {
    try {
      const mask = d.maskOf(c.predicate) ?? undefined;
      out.push({ id: c.id, name: c.name, mask, size: mask ? popcount(mask) : d.n, error: null });
    } catch (err) {
      if (!(err instanceof CohortError)) throw err;
      out.push({ id: c.id, name: c.name, mask: new Uint8Array(d.n), size: 0, error: err.message });
    }
  }
  return out;
}

function verdictOf(cell: RuleCell): Verdict {
  if (cell.reason !== null) return 'not-applicable';
  const beyond = cell.failWhen === 'above' ? cell.value > cell.limit : cell.value < cell.limit;
  if (!beyond) return 'pass';
  return cell.q <= RULES_FDR ? 'fail' : 'not-significant';
}

/** Measures every rule in every cohort for every version against the baseline. */
export function evaluateRules(d: OpenDataset, req: RulesRequest): RulesResult {
  const ev: EvalArrays | null = d.ev;
  if (!ev) throw new Error('the column roles have not been analysed yet');
  const names = ev.versions.map((v) => v.name);
  const baseline = req.baseline && names.includes(req.baseline) ? req.baseline : names[0];
  if (baseline === undefined) throw new Error('no model version is mapped');
  const versions = (req.versions ?? names).filter((v) => v !== baseline && names.includes(v));
  const invalid: RulesResult['invalid'] = [];
  const rules = req.rules.filter((r) => {
    const reason = validateRule(r);
    if (reason) invalid.push({ ruleId: String((r as { id?: unknown }).id ?? '?'), reason });
    return reason === null;
  });
  const cohorts = cohortsOf(d, req.cohorts);
  const memoStore = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    if (!memoStore.has(key)) memoStore.set(key, make());
    return memoStore.get(key) as T;
  };
  const base = ev.versions.find((v) => v.name === baseline)!;
  const cells: RuleCell[] = [];
  for (const c of cohorts) {
    const rows = c.mask ? rowsFromMask(c.mask) : undefined;
    for (const vName of versions) {
      const other = ev.versions.find((v) => v.name === vName)!;
      for (const rule of rules) {
        const seed = cells.length + 1;
        const check =
          c.error !== null
            ? ({ ok: false, reason: c.error } as const)
            : c.size === 0
              ? ({ ok: false, reason: 'the cohort is empty' } as const)
              : checkRule(rule, { ev, base, other, mask: c.mask, rows, seed, memo });
        cells.push({
          ...(check.ok ? check.m : EMPTY),
          ...ruleLimit(rule),
          ruleId: rule.id,
          cohortId: c.id,
          version: vName,
          verdict: 'not-applicable',
          q: NaN,
          reason: check.ok ? null : check.reason,
        });
      }
    }
  }
  const fdr = benjaminiHochberg(
    cells.map((c) => (c.reason === null ? c.p : NaN)),
    RULES_FDR,
  );
  cells.forEach((c, i) => {
    c.q = fdr.q[i]!;
    c.verdict = verdictOf(c);
  });
  return {
    baseline,
    versions,
    cohorts: cohorts.map(({ id, name, size, error }) => ({ id, name, size, error })),
    rules,
    invalid,
    cells,
    tests: fdr.m,
    fdr: RULES_FDR,
  };
}
