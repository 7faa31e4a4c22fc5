import { NO_OUTCOME, OUT, type Target } from './types';

/** Per-row outcomes of the version (and the baseline, in regression mode). */
export type TargetInput =
  | { mode: 'failure'; correct: Uint8Array; mask: Uint8Array | null }
  | { mode: 'regression'; correct: Uint8Array; baseline: Uint8Array; mask: Uint8Array | null }
  | { mode: 'failure'; absErr: Float64Array; mask: Uint8Array | null }
  | { mode: 'regression'; absErr: Float64Array; baseline: Float64Array; mask: Uint8Array | null };

/**
 * Encodes what the search explains. Correctness arrays are 1 correct / 0 wrong / 2 missing (as
 * engine/metrics correctness); a row the cohort mask excludes is OUT, a row without an outcome
 * (for either version, in regression mode) is NO_OUTCOME: it counts in a slice's rows, not in
 * its test.
 */
export function buildTarget(input: TargetInput): Target {
  const mask = input.mask;
  if ('correct' in input) {
    const v = input.correct;
    const base = input.mode === 'regression' ? input.baseline : null;
    const code = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) {
      if (mask && mask[i] !== 1) code[i] = OUT;
      else if (v[i] === 2 || (base && base[i] === 2)) code[i] = NO_OUTCOME;
      else if (!base) code[i] = v[i] === 0 ? 1 : 0;
      // Paired: 1 = correct → wrong (got worse), 2 = wrong → correct, 0 = unchanged outcome.
      else code[i] = base[i] === 1 && v[i] === 0 ? 1 : base[i] === 0 && v[i] === 1 ? 2 : 0;
    }
    return { kind: base ? 'paired' : 'rate', code, x: null };
  }
  const e = input.absErr;
  const base = input.mode === 'regression' ? input.baseline : null;
  const code = new Uint8Array(e.length);
  const x = new Float64Array(e.length);
  for (let i = 0; i < e.length; i++) {
    const d = base ? e[i]! - base[i]! : e[i]!;
    if (mask && mask[i] !== 1) code[i] = OUT;
    else if (d !== d) code[i] = NO_OUTCOME;
    else x[i] = d;
  }
  return { kind: base ? 'pairedMean' : 'mean', code, x };
}
