import type { MetricKey } from '../../protocol';

const PCT: ReadonlySet<MetricKey> = new Set(['accuracy', 'macroF1']);

export function fmtValue(key: MetricKey, v: number): string {
  if (!Number.isFinite(v)) return '–';
  return PCT.has(key) ? `${(v * 100).toFixed(1)}%` : v.toFixed(3);
}

/** Differences of rates in percentage points, others in the metric's unit, always signed. */
export function fmtDelta(key: MetricKey, v: number): string {
  if (!Number.isFinite(v)) return '–';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const a = Math.abs(v);
  return PCT.has(key) ? `${sign}${(a * 100).toFixed(1)} pts` : `${sign}${a.toFixed(3)}`;
}

export function fmtInterval(key: MetricKey, lo: number, hi: number, delta = false): string {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  const f = delta ? (x: number) => fmtDelta(key, x) : (x: number) => fmtValue(key, x);
  return `${f(lo)} to ${f(hi)}`;
}

export function fmtP(p: number): string {
  if (!Number.isFinite(p)) return '';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
