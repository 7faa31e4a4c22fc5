// Colour codes of the map's points: categories by count, numbers in quantile bins, fixed-meaning
// two-way codes. Pure over typed arrays, so the tab's worker (over all rows) and the DuckDB
// server (over the map's sample) code points the same way.

/** Codes 0–11: categories or bins; OTHER and MISSING are shared; HIDDEN rows are not drawn. */
export const OTHER = 12;
export const MISSING = 13;
export const HIDDEN = 255;

/** How codes map to colours: distinct hues, an ordered ramp, or fixed meaning colours. */
export type Ramp = 'categorical' | 'sequential' | 'outcome' | 'flip' | 'cohort';

export interface LegendEntry {
  code: number;
  label: string;
  count: number;
}

export interface PointColors {
  codes: Uint8Array;
  ramp: Ramp;
  legend: LegendEntry[];
  title: string;
}

const TOP = 12;
const BINS = 8;

/** Categories by count: the 12 largest keep a code each, the rest share OTHER. */
export function categorical(raw: Int32Array, names: string[], title: string): PointColors {
  const counts = new Float64Array(names.length);
  let missing = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c < 0 || c >= names.length) missing++;
    else counts[c]!++;
  }
  const ranked = names.map((_, c) => c).filter((c) => counts[c]! > 0);
  ranked.sort((a, b) => counts[b]! - counts[a]! || a - b);
  const top = ranked.slice(0, TOP).sort((a, b) => a - b);
  const codeOf = new Uint8Array(names.length).fill(OTHER);
  top.forEach((c, k) => (codeOf[c] = k));
  const codes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    codes[i] = c < 0 || c >= names.length ? MISSING : codeOf[c]!;
  }
  const legend: LegendEntry[] = top.map((c, k) => ({
    code: k,
    label: names[c]!,
    count: counts[c]!,
  }));
  const other = ranked.slice(TOP).reduce((s, c) => s + counts[c]!, 0);
  if (other > 0) legend.push({ code: OTHER, label: `${ranked.length - TOP} others`, count: other });
  if (missing > 0) legend.push({ code: MISSING, label: 'missing', count: missing });
  return { codes, ramp: 'categorical', legend, title };
}

const short = (v: number) => String(Number(v.toPrecision(3)));

/** Numbers in up to 8 quantile bins (edges from a sorted stride sample of ≤ 100k values). */
export function sequential(values: ArrayLike<number>, title: string, asDate: boolean): PointColors {
  const n = values.length;
  const stride = Math.max(1, Math.floor(n / 100_000));
  const sample: number[] = [];
  for (let i = 0; i < n; i += stride) if (values[i] === values[i]) sample.push(values[i]!);
  const sorted = Float64Array.from(sample).sort();
  const edges: number[] = [];
  for (let b = 1; b < BINS; b++) {
    const e = sorted[Math.floor((b * sorted.length) / BINS)];
    if (e !== undefined && e !== edges[edges.length - 1] && e > sorted[0]!) edges.push(e);
  }
  const codes = new Uint8Array(n);
  const counts = new Float64Array(edges.length + 2);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let code = MISSING;
    if (v === v) {
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edges[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      code = lo;
    }
    codes[i] = code;
    counts[code === MISSING ? edges.length + 1 : code]!++;
  }
  const fmt = (v: number) => (asDate ? new Date(v).toISOString().slice(0, 10) : short(v));
  const lo = sorted[0] ?? 0;
  const hi = sorted[sorted.length - 1] ?? 0;
  const legend: LegendEntry[] = [];
  for (let b = 0; b <= edges.length; b++) {
    const from = b === 0 ? lo : edges[b - 1]!;
    const to = b === edges.length ? hi : edges[b]!;
    legend.push({ code: b, label: `${fmt(from)} – ${fmt(to)}`, count: counts[b]! });
  }
  const missing = counts[edges.length + 1]!;
  if (missing > 0) legend.push({ code: MISSING, label: 'missing', count: missing });
  return { codes, ramp: 'sequential', legend, title };
}

export function twoWay(
  raw: Int32Array,
  labels: string[],
  ramp: PointColors['ramp'],
  title: string,
): PointColors {
  const out = categorical(raw, labels, title);
  // Fixed meanings keep fixed codes (so colours do not move with counts).
  const codes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) codes[i] = raw[i]! < 0 ? MISSING : raw[i]!;
  const legend = labels
    .map((label, code) => ({
      code,
      label,
      count: out.legend.find((e) => e.label === label)?.count ?? 0,
    }))
    .concat(out.legend.filter((e) => e.code === MISSING));
  return { codes, ramp, legend, title };
}

/** Correct (0) / wrong (1) / −1 per row from predicted and label codes (−1 = missing). */
export function outcomeRaw(p: Int32Array, l: Int32Array): Int32Array {
  return Int32Array.from(p, (c, i) => (c < 0 || l[i]! < 0 ? -1 : c === l[i] ? 0 : 1));
}

/** The four flip kinds (0 right in both … 3 wrong in both) of two versions against the label. */
export function flipRaw(a: Int32Array, b: Int32Array, l: Int32Array): Int32Array {
  return Int32Array.from(a, (c, i) => {
    const y = l[i]!;
    const e = b[i]!;
    if (c < 0 || e < 0 || y < 0) return -1;
    return (c === y ? 0 : 2) + (e === y ? 0 : 1);
  });
}

export const FLIP_NAMES = ['right in both', 'correct → wrong', 'wrong → correct', 'wrong in both'];
