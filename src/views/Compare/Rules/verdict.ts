import type { Task } from '../../../shared/roles';
import type { RuleCell, RulesResult } from '../../../protocol';
import { formatCount } from '../../../ui/format';
import { describeRule } from './describe';
import { cellNumbers } from './formatCell';

export type ShipVerdict = 'ship' | 'do-not-ship' | 'not-enough-evidence';

export interface VersionVerdict {
  version: string;
  verdict: ShipVerdict;
  /** One line: why. */
  why: string;
  /** The failing cells, for the report's list. */
  failing: RuleCell[];
}

export const SHIP_NAMES: Record<ShipVerdict, string> = {
  ship: 'Ship',
  'do-not-ship': 'Do not ship',
  'not-enough-evidence': 'Not enough evidence',
};

/** "“Accuracy must not drop by more than 1 point” in All rows". */
export function cellPlace(c: RuleCell, r: RulesResult, task: Task | null): string {
  const rule = r.rules.find((x) => x.id === c.ruleId);
  const cohort = r.cohorts.find((x) => x.id === c.cohortId)?.name ?? c.cohortId;
  return `“${rule ? describeRule(rule, task) : c.ruleId}” in ${cohort}`;
}

/**
 * A version's release decision from its cells: do not ship when any check fails (its interval
 * lies wholly beyond the limit); ship when every applicable check passes (wholly on the safe
 * side); otherwise there is not enough evidence either way.
 */
export function versionVerdicts(r: RulesResult, task: Task | null): VersionVerdict[] {
  return r.versions.map((version) => {
    const cells = r.cells.filter((c) => c.version === version && c.verdict !== 'not-applicable');
    const failing = cells.filter((c) => c.verdict === 'fail');
    const open = cells.filter((c) => c.verdict === 'inconclusive');
    const more = (k: number) => (k > 1 ? `, and ${k - 1} more` : '');
    if (failing.length > 0) {
      const f = failing[0]!;
      const why = `fails ${cellPlace(f, r, task)}: ${cellNumbers(f)}${more(failing.length)}.`;
      return { version, verdict: 'do-not-ship', why, failing };
    }
    if (cells.length === 0) {
      return { version, verdict: 'not-enough-evidence', why: 'no rule applies.', failing };
    }
    if (open.length > 0) {
      const o = open[0]!;
      const need =
        o.rowsNeeded === null
          ? 'its estimate sits on the limit'
          : `about ${formatCount(o.rowsNeeded)} rows would decide at this effect (${formatCount(o.n)} now)`;
      const why = `${open.length} of ${cells.length} checks inconclusive, e.g. ${cellPlace(o, r, task)}: ${need}.`;
      return { version, verdict: 'not-enough-evidence', why, failing };
    }
    const all = cells.length === 1 ? 'the one check passes' : `all ${cells.length} checks pass`;
    const why = `${all}: every interval is on the safe side of its limit.`;
    return { version, verdict: 'ship', why, failing };
  });
}
