import type { SlicesResult } from '../../protocol';
import { formatNumber, formatPercent } from '../../ui/format';

/** p- and q-values: three significant digits, tiny ones in exponent form. */
export function formatP(p: number): string {
  if (!(p === p)) return '–';
  if (p < 1e-4) return p === 0 ? '< 1e-300' : p.toExponential(1);
  return p.toPrecision(2);
}

/** The measure of a mode, as a percentage (rates) or a number (absolute errors). */
export function formatEffect(v: number, measure: SlicesResult['measure']): string {
  const rate = measure === 'error rate' || measure === 'negative-flip rate';
  const sign = measure.startsWith('Δ') && v > 0 ? '+' : '';
  return sign + (rate ? formatPercent(v) : formatNumber(v));
}

export function formatLift(v: number): string {
  return v === v ? `×${v.toFixed(2)}` : '–';
}
