import type { DeltaEstimate, Estimate, MetricKey } from '../../protocol';
import { HIGHER_IS_BETTER } from '../../protocol';
import {
  formatMetric,
  formatMetricChange,
  formatP,
  formatPercent,
  formatPoints,
} from '../../ui/format';

const PCT: ReadonlySet<MetricKey> = new Set(['accuracy', 'macroF1']);

/** Rates as percentages, other metrics in their own unit. */
export function fmtValue(key: MetricKey, v: number): string {
  return PCT.has(key) ? formatPercent(v) : formatMetric(v);
}

/** Differences of rates in percentage points, others in the metric's unit, always signed. */
export function fmtDelta(key: MetricKey, v: number): string {
  return PCT.has(key) ? formatPoints(v) : formatMetricChange(v);
}

export function fmtInterval(key: MetricKey, lo: number, hi: number, delta = false): string {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  const f = delta ? (x: number) => fmtDelta(key, x) : (x: number) => fmtValue(key, x);
  return `${f(lo)} to ${f(hi)}`;
}

export function fmtP(p: number): string {
  return Number.isFinite(p) ? formatP(p) : '';
}

/** Whether a difference is a significant improvement, a significant regression, or neither. */
export function deltaVerdict(key: MetricKey, delta: number, q: number): 'better' | 'worse' | null {
  if (!(q < 0.05) || delta === 0 || !Number.isFinite(delta)) return null;
  return delta > 0 === HIGHER_IS_BETTER.has(key) ? 'better' : 'worse';
}

export interface MetricPart {
  kind: 'value' | 'interval' | 'delta' | 'test' | 'verdict';
  text: string;
}

/**
 * A metric cell as separate parts: the estimate and its interval, then (for a non-baseline
 * version) the difference, its interval, p and q, and the verdict. The table draws them and the
 * report writes them one line each, never as one run-on string.
 */
export function metricParts(key: MetricKey, m: Estimate, d?: DeltaEstimate): MetricPart[] {
  const parts: MetricPart[] = [
    { kind: 'value', text: fmtValue(key, m.value) },
    { kind: 'interval', text: fmtInterval(key, m.lo, m.hi) },
  ];
  if (!d) return parts;
  parts.push(
    { kind: 'delta', text: `Δ ${fmtDelta(key, d.value)}` },
    { kind: 'interval', text: fmtInterval(key, d.lo, d.hi, true) },
  );
  if (Number.isFinite(d.p)) parts.push({ kind: 'test', text: `p ${fmtP(d.p)}, q ${fmtP(d.q)}` });
  const v = deltaVerdict(key, d.value, d.q);
  if (v) parts.push({ kind: 'verdict', text: v === 'better' ? '▲ better' : '▼ worse' });
  return parts.filter((p) => p.text !== '');
}
