const count = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return count.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** Rates as percentages with one decimal; missing values as an en dash. */
export function formatPercent(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)}%`;
}

export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return Math.abs(v) >= 1000 ? count.format(Math.round(v)) : v.toFixed(digits);
}

/**
 * A decision threshold as the threshold controls show it: at most four decimals, no trailing
 * zeros (a matched threshold is stored at full precision, e.g. 0.32590252161026 → "0.3259").
 */
export function formatThreshold(t: number): string {
  return Number.isFinite(t) ? String(Number(t.toFixed(4))) : '–';
}
