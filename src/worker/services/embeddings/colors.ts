import type { Column } from '../../../data/types';
import type { OpenDataset } from '../../session/dataset';
import {
  type ColorBy,
  type LegendEntry,
  MISSING,
  OTHER,
  type PointColors,
} from '../../../protocol';

const TOP = 12;
const BINS = 8;

/** Categories by count: the 12 largest keep a code each, the rest share OTHER. */
function categorical(raw: Int32Array, names: string[], title: string): PointColors {
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
function sequential(values: ArrayLike<number>, title: string, asDate: boolean): PointColors {
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

function twoWay(raw: Int32Array, labels: string[], ramp: PointColors['ramp'], title: string) {
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

function columnColors(col: Column): PointColors {
  switch (col.kind) {
    case 'string':
      return categorical(col.codes, col.dictionary, col.name);
    case 'boolean':
      return categorical(
        Int32Array.from(col.values, (v) => (v === 2 ? -1 : v)),
        ['false', 'true'],
        col.name,
      );
    case 'numeric':
      return sequential(col.values, col.name, false);
    case 'timestamp':
      return sequential(col.values, col.name, true);
    case 'vector':
    case 'binary':
      throw new Error(`"${col.name}" holds ${col.kind} values; colour by another column`);
  }
}

/** Per-row colour codes and the legend for one colouring of the map. */
export function colorCodes(d: OpenDataset, by: ColorBy, mask: Uint8Array | null): PointColors {
  const ev = d.ev;
  const version = (name: string) => {
    const v = ev?.versions.find((x) => x.name === name);
    if (!v?.pred) throw new Error(`version "${name}" has no class predictions`);
    return v.pred;
  };
  switch (by.kind) {
    case 'label':
      if (!ev?.label) throw new Error('this dataset has no class label');
      return categorical(ev.label, ev.classes, 'label');
    case 'predicted':
      return categorical(version(by.version), ev!.classes, `${by.version} prediction`);
    case 'outcome': {
      const p = version(by.version);
      const l = ev!.label;
      if (!l) throw new Error('correct/wrong needs a label');
      const raw = Int32Array.from(p, (c, i) => (c < 0 || l[i]! < 0 ? -1 : c === l[i] ? 0 : 1));
      return twoWay(raw, ['correct', 'wrong'], 'outcome', `${by.version} correct / wrong`);
    }
    case 'flip': {
      const a = version(by.from);
      const b = version(by.to);
      const l = ev!.label;
      if (!l) throw new Error('flips need a label');
      const raw = Int32Array.from(a, (c, i) => {
        const y = l[i]!;
        const e = b[i]!;
        if (c < 0 || e < 0 || y < 0) return -1;
        return (c === y ? 0 : 2) + (e === y ? 0 : 1);
      });
      const names = ['right in both', 'correct → wrong', 'wrong → correct', 'wrong in both'];
      return twoWay(raw, names, 'flip', `${by.from} → ${by.to}`);
    }
    case 'cohort': {
      const raw = new Int32Array(d.n);
      if (mask) for (let i = 0; i < d.n; i++) raw[i] = mask[i] === 1 ? 0 : 1;
      return twoWay(raw, ['in the cohort', 'not in it'], 'cohort', 'active cohort');
    }
    case 'column': {
      const col = d.byName.get(by.name);
      if (!col) throw new Error(`there is no column "${by.name}"`);
      return columnColors(col);
    }
  }
}
