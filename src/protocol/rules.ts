// Release rules and their results: the rule definitions travel in the URL and in exports.
import type { CohortDef } from '../shared/predicate';
import type { ReleaseRule, RuleCell } from '../engine/rules/types';
import type { RowRuleHit } from '../engine/rules/row';

export type { RowRuleHit } from '../engine/rules/row';

export type { Measure, ReleaseRule, RuleCell, Verdict } from '../engine/rules/types';

export interface RulesRequest {
  rules: ReleaseRule[];
  cohorts: CohortDef[];
  baseline: string | null;
  /** Versions to check against the baseline; default: every other version. */
  versions?: string[];
}

export interface RulesResult {
  baseline: string;
  versions: string[];
  cohorts: { id: string; name: string; size: number; error: string | null }[];
  rules: ReleaseRule[];
  /** Rules that could not be read (e.g. a malformed rule in a link), with why. */
  invalid: { ruleId: string; reason: string }[];
  cells: RuleCell[];
  /** Tests the false-discovery correction counted. */
  tests: number;
  fdr: number;
}

export interface RowRulesRequest {
  /** Row index in the dataset (the drawer knows it). */
  row: number;
  rules: ReleaseRule[];
  baseline: string | null;
}

export interface RowRulesResult {
  hits: RowRuleHit[];
  /** Rules no single row crosses (ranking and averaged metrics), with why. */
  notPerRow: { ruleId: string; reason: string }[];
}
