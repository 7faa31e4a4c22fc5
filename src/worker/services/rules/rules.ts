// Release rules as a cohort × rule grid, for every version against the baseline.
//
// Each cell is a test against the rule's limit (a margin), not against "no change":
// - "pass": the whole 95% interval is on the safe side of the limit (non-inferiority shown);
// - "fail": the whole interval is beyond the limit;
// - "inconclusive": the interval straddles the limit; rowsNeeded says how many rows would decide
//   at the observed effect;
// - either verdict also needs q ≤ 0.05: the one-sided p against the limit, adjusted with
//   Benjamini–Hochberg across every cell of the grid (cohorts × versions × rules);
// - "not applicable": the rule cannot be measured here (task, missing scores, empty cohort).
import type { EvalArrays } from '../../../data/prepare';
import type { CohortDef } from '../../../shared/predicate';
import { CohortError, popcount } from '../../../engine/cohort/evaluate';
import { rowsFromMask } from '../../../engine/stats';
import {
  ALL_ROWS_ID,
  cohortUnmeasurable,
  finishGrid,
  gridCell,
  planGrid,
} from '../../../engine/rules/grid';

export { ALL_ROWS_ID, RULES_FDR, rowsNeeded } from '../../../engine/rules/grid';
import type { OpenDataset } from '../../session/dataset';
import { checkRule } from './checks';
import type { ReplicateOptions } from '../../../engine/stats/poissonBootstrap';
import { ruleLimit } from '../../../engine/rules/limits';
import type { RuleCell, RulesRequest, RulesResult } from '../../../protocol';

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

/**
 * Measures every rule in every cohort for every version against the baseline. The bootstrapped
 * rules give way between resamples and stop (CancelledError) when `replicate.cancelled` says so.
 */
export async function evaluateRules(
  d: OpenDataset,
  req: RulesRequest,
  replicate: ReplicateOptions = {},
): Promise<RulesResult> {
  const ev: EvalArrays | null = d.ev;
  if (!ev) throw new Error('the column roles have not been analysed yet');
  const plan = planGrid(
    ev.versions.map((v) => v.name),
    req,
  );
  const { baseline, versions, rules } = plan;
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
        const { limit } = ruleLimit(rule);
        const check =
          cohortUnmeasurable(c) ??
          (await checkRule(rule, {
            ev,
            base,
            other,
            mask: c.mask,
            rows,
            seed,
            memo,
            limit,
            replicate,
          }));
        cells.push(gridCell(rule, c.id, vName, check));
      }
    }
  }
  return finishGrid(plan, cohorts, cells);
}
