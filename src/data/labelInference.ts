// The label when no column is named like one: chosen from the candidates whose values fit the
// predictions, and said so; when none or several fit, nothing is chosen and the user is asked.
import { classValuesOf, encodeClasses } from './classes';
import { type LabelCandidate, labelCandidates } from './labelCandidates';
import type { RoleMapping } from '../shared/roles';
import type { Column, ColumnInfo } from './types';

export interface RankedCandidate extends LabelCandidate {
  /** How well it goes with the first version's output (share agreeing, or |r| for numbers). */
  agreement: number;
}

export interface LabelInference {
  /** How the label was found when its name did not say ("label inferred from values: churned"). */
  rule: string | null;
  /** Every column that could be the label, best first. */
  candidates: RankedCandidate[];
}

/** Outcome words: among several candidates, one named like an outcome is the label. */
const OUTCOME_NAME =
  /(churn|malignant|benign|progression|delay|fraud|default|convert|click|surviv|outcome|gold|truth|actual|target|label|response)/i;

const TRUTHY = new Map([
  ['false', 0],
  ['0', 0],
  ['true', 1],
  ['1', 1],
]);

/** Share of rows where two class columns agree (true and 1 agree), over rows where both are set. */
function agreement(a: Column, b: Column): number {
  const index = new Map(TRUTHY);
  for (const v of [...classValuesOf(a), ...classValuesOf(b)])
    if (!index.has(v)) index.set(v, index.size);
  const x = encodeClasses(a, index);
  const y = encodeClasses(b, index);
  let both = 0;
  let same = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i]! < 0 || y[i]! < 0) continue;
    both++;
    if (x[i] === y[i]) same++;
  }
  return both ? same / both : 0;
}

/** |Pearson r| of two numeric columns over rows where both are set. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    syy = 0,
    sxy = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== x || y !== y) continue;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  const cov = sxy - (sx * sy) / n;
  const r = cov / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
  return Number.isFinite(r) ? Math.abs(r) : 0;
}

function score(c: Column, out: Column | undefined): number {
  if (!out) return 0;
  if (out.kind === 'numeric' && c.kind === 'numeric' && !out.integral)
    return correlation(c.values, out.values);
  if (out.kind === 'numeric' && !out.integral && c.kind !== 'vector' && c.kind !== 'timestamp') {
    // A score: how often thresholding it at 0.5 gives the candidate (either way round).
    const index = new Map(TRUTHY);
    const y = encodeClasses(c, index);
    let both = 0;
    let same = 0;
    for (let i = 0; i < y.length; i++) {
      const s = out.values[i]!;
      if (y[i]! < 0 || s !== s) continue;
      both++;
      if ((s >= 0.5 ? 1 : 0) === y[i]) same++;
    }
    return both ? Math.max(same, both - same) / both : 0;
  }
  return out.kind === 'vector' ? 0 : agreement(c, out);
}

/** Fills in the label from values when the names left it empty, and ranks the candidates. */
export function inferLabel(
  columns: Column[],
  infos: ColumnInfo[],
  roles: RoleMapping,
): { roles: RoleMapping; inference: LabelInference } {
  if (roles.label) return { roles, inference: { rule: null, candidates: [] } };
  const v = roles.versions[0];
  const outName = v?.prediction ?? v?.score;
  const out = columns.find((c) => c.name === outName);
  const candidates = labelCandidates(columns, infos, roles)
    .map((c) => ({
      ...c,
      agreement: score(
        columns.find((x) => x.name === c.column)!,
        out,
      ),
    }))
    .sort((a, b) => b.agreement - a.agreement);
  const named = candidates.filter((c) => OUTCOME_NAME.test(c.column));
  let chosen: RankedCandidate | undefined;
  let rule: string | null = null;
  if (candidates.length === 1) {
    chosen = candidates[0]!;
    rule = `label inferred from values: ${chosen.column} (${chosen.why})`;
  } else if (named.length === 1) {
    chosen = named[0]!;
    rule = `label inferred from its name and values: ${chosen.column} (${chosen.why})`;
  }
  if (!chosen) return { roles, inference: { rule: null, candidates } };
  return {
    roles: { ...roles, label: chosen.column, task: chosen.task },
    inference: { rule, candidates },
  };
}
