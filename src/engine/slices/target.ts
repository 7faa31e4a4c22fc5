import { NO_OUTCOME, OUT, type Target } from './types';

/** regression: where the version got worse than the baseline; improvement: where it got better. */
type Paired = 'regression' | 'improvement';

/** Per-row outcomes of the version (and the baseline, in the paired modes). */
export type TargetInput =
  | { mode: 'failure'; correct: Uint8Array; mask: Uint8Array | null }
  | { mode: Paired; correct: Uint8Array; baseline: Uint8Array; mask: Uint8Array | null }
  | { mode: 'failure'; absErr: Float64Array; mask: Uint8Array | null }
  | { mode: Paired; absErr: Float64Array; baseline: Float64Array; mask: Uint8Array | null };

/**
 * Encodes what the search explains. Correctness arrays are 1 correct / 0 wrong / 2 missing (as
 * engine/metrics correctness); a row the cohort mask excludes is OUT, a row without an outcome
 * (for either version, in the paired modes) is NO_OUTCOME: it counts in a slice's rows, not in
 * its test. Improvement mode is regression mode with the roles of the flips (or the sign of the
 * change in error) swapped, so one search finds both.
 */
export function buildTarget(input: TargetInput): Target {
  const mask = input.mask;
  const base = input.mode === 'failure' ? null : input.baseline;
  const up = input.mode === 'improvement';
  if ('correct' in input) {
    const v = input.correct;
    const b = base as Uint8Array | null;
    const [worse, better] = up ? [2, 1] : [1, 2];
    const code = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) {
      if (mask && mask[i] !== 1) code[i] = OUT;
      else if (v[i] === 2 || (b && b[i] === 2)) code[i] = NO_OUTCOME;
      else if (!b) code[i] = v[i] === 0 ? 1 : 0;
      // Paired: 1 = correct → wrong (got worse), 2 = wrong → correct, 0 = unchanged outcome.
      else code[i] = b[i] === 1 && v[i] === 0 ? worse : b[i] === 0 && v[i] === 1 ? better : 0;
    }
    return { kind: b ? 'paired' : 'rate', code, x: null };
  }
  const e = input.absErr;
  const b = base as Float64Array | null;
  const sign = up ? -1 : 1;
  const code = new Uint8Array(e.length);
  const x = new Float64Array(e.length);
  for (let i = 0; i < e.length; i++) {
    const d = b ? sign * (e[i]! - b[i]!) : e[i]!;
    if (mask && mask[i] !== 1) code[i] = OUT;
    else if (d !== d) code[i] = NO_OUTCOME;
    else x[i] = d;
  }
  return { kind: b ? 'pairedMean' : 'mean', code, x };
}
