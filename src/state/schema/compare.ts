import type { ReleaseRule } from '../../protocol';
import { type Problems, describe, isFinite, isName, isObject, nameOrNull, own } from './fields';
import { readRule } from './rules';

/** Comparison settings that travel with a link: baseline, thresholds, release rules. */
export interface CompareSettings {
  baseline: string | null;
  thresholds: Record<string, number>;
  rules: ReleaseRule[];
}

const MAX_RULES = 100;
const MAX_THRESHOLDS = 1000;

/** Baseline, thresholds and release rules from untrusted JSON; bad parts dropped and named. */
export function readCompare(v: unknown, problems: Problems): CompareSettings | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) {
    problems.add('the comparison settings', `they are ${describe(v)}`);
    return null;
  }
  const baseline = nameOrNull(own(v, 'baseline'));
  if (baseline === undefined) problems.add('the baseline', 'it is not a version name');
  const thresholdEntries: [string, number][] = [];
  const rawThresholds = own(v, 'thresholds');
  if (isObject(rawThresholds)) {
    for (const [k, t] of Object.entries(rawThresholds).slice(0, MAX_THRESHOLDS)) {
      if (isName(k) && isFinite(t)) thresholdEntries.push([k, t]);
      else problems.add(`the threshold for "${k.slice(0, 80)}"`, `${describe(t)} is not a number`);
    }
  } else if (rawThresholds !== undefined)
    problems.add('the thresholds', 'they are not a map of versions to numbers');
  // fromEntries defines own keys, so even a version named "__proto__" stays a plain entry.
  const thresholds = Object.fromEntries(thresholdEntries);
  const rules = [];
  const rawRules = own(v, 'rules');
  const list = Array.isArray(rawRules) ? rawRules : [];
  if (rawRules !== undefined && !Array.isArray(rawRules))
    problems.add('the release rules', 'they are not a list');
  if (list.length > MAX_RULES)
    problems.add(`${list.length - MAX_RULES} release rules`, `at most ${MAX_RULES} are kept`);
  for (const [i, r] of list.slice(0, MAX_RULES).entries()) {
    try {
      rules.push(readRule(r));
    } catch (err) {
      problems.add(`release rule ${i + 1}`, (err as Error).message);
    }
  }
  return { baseline: baseline ?? null, thresholds, rules };
}
