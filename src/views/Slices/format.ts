import type { SliceMeasure } from '../../protocol';
import {
  formatMetric,
  formatPRanked,
  formatPercent,
  formatPoints,
  formatRatio,
} from '../../ui/format';

/** p- and q-values: three significant digits, tiny ones in exponent form. */
export const formatP = formatPRanked;

/**
 * A slice's measure: error rates as percentages, changes in error rate as signed percentage
 * points (a change of a rate is not a rate), absolute errors as numbers.
 */
export function formatEffect(v: number, measure: SliceMeasure): string {
  if (!(v === v)) return '–';
  const sign = measure.startsWith('change') && v > 0 ? '+' : v < 0 ? '−' : '';
  if (measure === 'error rate') return formatPercent(v);
  if (measure === 'change in error rate') return formatPoints(v).replace('±', '');
  return sign + formatMetric(Math.abs(v));
}

export const formatLift = formatRatio;

/** "12.3% (10.1% to 14.8%)": a value with its interval. */
export function withInterval(
  e: { value: number; lo: number; hi: number },
  measure: SliceMeasure,
): string {
  return `${formatEffect(e.value, measure)} (${formatEffect(e.lo, measure)} to ${formatEffect(e.hi, measure)})`;
}
