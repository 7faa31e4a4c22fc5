import { RE2JS } from 're2js';
import { CohortError } from './truth';

/** Longest pattern accepted: RE2 compiles to an automaton whose size grows with the pattern. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * Compiles a user's regular expression on RE2 (re2js), whose matching time is linear in the
 * input: a pattern such as `^(((.+)+)+)+#` that backtracks for minutes in the browser's RegExp
 * runs in a single pass here. RE2 has no backreferences or lookaround; those are refused with a
 * message rather than run on an engine that could hang the worker.
 */
export function compilePattern(pattern: string, caseSensitive: boolean): (s: string) => boolean {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new CohortError(
      `the regular expression is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed`,
    );
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    throw new CohortError(`/${pattern}/ cannot be used: ${explain(pattern, err)}`);
  }
  return (s) => re.test(s);
}

function explain(pattern: string, err: unknown): string {
  if (/\(\?<?[=!]/.test(pattern))
    return 'lookahead and lookbehind are not supported (patterns run on a linear-time engine)';
  if (/\\[1-9]|\\k</.test(pattern))
    return 'backreferences are not supported (patterns run on a linear-time engine)';
  const message = err instanceof Error ? err.message : String(err);
  return `invalid regular expression (${message})`;
}
