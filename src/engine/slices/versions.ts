import { wilson } from '../stats/wilson';
import { meanVar } from './score';

const Z95 = 1.959963984540054;

/** A version's metric over a slice's rows, with its 95% interval. */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
}

export interface VersionsOnSlice {
  baseline: Estimate;
  version: Estimate;
}

/**
 * Each version's error rate (Wilson interval) over the rows, counting only rows where both
 * versions have an outcome (correctness 1 / 0; 2 = missing), the rows the paired test used.
 */
export function pairedErrorRates(rows: Uint32Array, v: Uint8Array, b: Uint8Array): VersionsOnSlice {
  let n = 0;
  let ev = 0;
  let eb = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (v[i] === 2 || b[i] === 2) continue;
    n++;
    if (v[i] === 0) ev++;
    if (b[i] === 0) eb++;
  }
  const est = (k: number) => ({ value: n > 0 ? k / n : NaN, ...wilson(k, n) });
  return { baseline: est(eb), version: est(ev) };
}

/** Each version's mean absolute error (normal interval) over rows where both have one. */
export function pairedMae(rows: Uint32Array, v: Float64Array, b: Float64Array): VersionsOnSlice {
  const s = new Float64Array(5);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const x = v[i]!;
    const y = b[i]!;
    if (x !== x || y !== y) continue;
    s[0]!++;
    s[1]! += x;
    s[2]! += x * x;
    s[3]! += y;
    s[4]! += y * y;
  }
  const est = (sum: number, sq: number) => {
    const [m, variance] = meanVar(s[0]!, sum, sq);
    const half = Z95 * Math.sqrt(variance / s[0]!);
    return { value: m, lo: m - half, hi: m + half };
  };
  return { baseline: est(s[3]!, s[4]!), version: est(s[1]!, s[2]!) };
}
