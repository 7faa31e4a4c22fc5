/**
 * The one place numbers become visible text, for the views and for sentences the worker writes
 * (rule details, sanity checks). Every formatter returns an en dash for a missing value, and a
 * minus sign (−), not a hyphen, for negative changes.
 */

export const MISSING = '–';

const signOf = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const finite = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/** A count of rows, points, cells…: digit groups, e.g. 1000000 → "1,000,000". */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return MISSING;
  // Intl writes a hyphen-minus; a negative count (rare) gets the true minus like every change.
  return n < 0 ? `−${grouped.format(-n)}` : grouped.format(n);
}

/**
 * A change of a count (B − A rows in a difference matrix), signed when not zero: 4 → "+4",
 * −1234 → "−1,234", 0 → "0" (a matrix of mostly unchanged cells reads better without "±0").
 */
export function formatCountChange(n: number | null | undefined): string {
  if (!finite(n)) return MISSING;
  return n === 0 ? '0' : `${signOf(n)}${grouped.format(Math.abs(n))}`;
}

/** A proportion (0–1) as a percentage with one decimal: 0.1234 → "12.3%". */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  return finite(v) ? `${(v * 100).toFixed(digits)}%` : MISSING;
}

/** A change of a proportion in percentage points, always signed: 0.024 → "+2.4 pts". */
export function formatPoints(v: number | null | undefined, unit = true): string {
  if (!finite(v)) return MISSING;
  return `${signOf(v)}${(Math.abs(v) * 100).toFixed(1)}${unit ? ' pts' : ''}`;
}

/**
 * A metric in its own unit (AUC, MAE, ECE…): `digits` decimals, whole numbers with digit groups
 * from 1,000 up (an RMSE of 12345.6 reads "12,346").
 */
export function formatMetric(v: number | null | undefined, digits = 3): string {
  if (!finite(v)) return MISSING;
  return Math.abs(v) >= 1000 ? grouped.format(Math.round(v)) : v.toFixed(digits);
}

/** A signed change of a metric in its own unit: −0.0123 → "−0.012". */
export function formatMetricChange(v: number | null | undefined, digits = 3): string {
  if (!finite(v)) return MISSING;
  return `${signOf(v)}${formatMetric(Math.abs(v), digits)}`;
}

/** A number to `sig` significant digits, without trailing zeros: 0.0123456 → "0.0123". */
export function formatSignificant(v: number | null | undefined, sig = 3): string {
  if (!finite(v)) return MISSING;
  const s = String(Number(v.toPrecision(sig)));
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/**
 * A decision threshold as the user sets it: at most four decimals and no trailing zeros, so a
 * typed 0.7 reads "0.7" and a matched 0.32590252161026 reads "0.3259".
 */
export function formatThreshold(t: number | null | undefined): string {
  return finite(t) ? String(Number(t.toFixed(4))) : MISSING;
}

/** A p- or q-value for a reader: three decimals, "< 0.001" below. */
export function formatP(p: number | null | undefined): string {
  if (!finite(p)) return MISSING;
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/**
 * A p- or q-value that ranks many tests (slices): two significant digits, tiny ones in exponent
 * form, so 1e-12 and 1e-40 stay apart.
 */
export function formatPRanked(p: number | null | undefined): string {
  if (!finite(p)) return MISSING;
  if (p < 1e-4) return p === 0 ? '< 1e-300' : p.toExponential(1);
  return p.toPrecision(2);
}

/** A ratio such as a lift: "×1.53". */
export function formatRatio(v: number | null | undefined): string {
  return finite(v) ? `×${v.toFixed(2)}` : MISSING;
}

/** A size in bytes with binary units. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${formatCount(n)} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** A duration in seconds with one decimal: 1234 ms → "1.2 s". */
export function formatSeconds(ms: number): string {
  return finite(ms) ? `${(ms / 1000).toFixed(1)} s` : MISSING;
}
