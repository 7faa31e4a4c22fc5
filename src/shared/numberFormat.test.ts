import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatCountChange,
  formatMetric,
  formatMetricChange,
  formatP,
  formatPRanked,
  formatPercent,
  formatPoints,
  formatRatio,
  formatSeconds,
  formatSignificant,
  formatThreshold,
} from './numberFormat';

describe('numberFormat', () => {
  it('groups counts by thousands', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(2365)).toBe('2,365');
    expect(formatCount(1000000)).toBe('1,000,000');
    expect(formatCount(-12345)).toBe('−12,345');
    expect(formatCount(NaN)).toBe('–');
    expect(formatCount(null)).toBe('–');
  });

  it('signs count changes with a plus or a true minus, never a hyphen', () => {
    expect(formatCountChange(4)).toBe('+4');
    expect(formatCountChange(-4)).toBe('−4');
    expect(formatCountChange(-4)).not.toContain('-');
    expect(formatCountChange(-1234)).toBe('−1,234');
    expect(formatCountChange(25000)).toBe('+25,000');
    expect(formatCountChange(0)).toBe('0');
    expect(formatCountChange(Infinity)).toBe('–');
  });

  it('writes proportions as percentages and changes as signed points', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatPercent(undefined)).toBe('–');
    expect(formatPoints(0.024)).toBe('+2.4 pts');
    expect(formatPoints(-0.0151)).toBe('−1.5 pts');
    expect(formatPoints(0)).toBe('±0.0 pts');
    expect(formatPoints(0.1, false)).toBe('+10.0');
  });

  it('writes metrics to their decimals, large ones grouped', () => {
    expect(formatMetric(0.91234)).toBe('0.912');
    expect(formatMetric(0.0123456, 4)).toBe('0.0123');
    expect(formatMetric(12345.6)).toBe('12,346');
    expect(formatMetricChange(-0.0123)).toBe('−0.012');
    expect(formatMetricChange(0.5)).toBe('+0.500');
    expect(formatSignificant(0.0123456)).toBe('0.0123');
    expect(formatSignificant(-2.5)).toBe('−2.5');
    expect(formatSignificant(0.1 + 0.2, 6)).toBe('0.3');
  });

  it('shows thresholds as set, not at full float precision', () => {
    expect(formatThreshold(0.7)).toBe('0.7');
    expect(formatThreshold(0.32590252161026)).toBe('0.3259');
    expect(formatThreshold(0.5)).toBe('0.5');
    expect(formatThreshold(1)).toBe('1');
    expect(formatThreshold(Infinity)).toBe('–');
  });

  it('writes p-values for reading and for ranking', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.04567)).toBe('0.046');
    expect(formatPRanked(0.04567)).toBe('0.046');
    expect(formatPRanked(1.23e-12)).toBe('1.2e-12');
    expect(formatPRanked(0)).toBe('< 1e-300');
  });

  it('writes ratios, bytes and durations', () => {
    expect(formatRatio(1.526)).toBe('×1.53');
    expect(formatBytes(1000)).toBe('1,000 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
    expect(formatSeconds(1234)).toBe('1.2 s');
  });
});
