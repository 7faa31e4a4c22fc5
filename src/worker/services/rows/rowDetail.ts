import type { EvalArrays, VersionArrays } from '../../../data/prepare';
import { popcount } from '../../../engine/cohort/evaluate';
import { CohortError } from '../../../engine/cohort/truth';
import { cellOf, topClasses } from '../../../engine/rows/cell';
import { describeErrorChange, describeFlip } from '../../../engine/rows/flips';
import { percentileOf } from '../../../engine/rows/percentile';
import { ROW_INDEX, type RowsService } from './rows';
import {
  type RowDetail,
  type RowDetailRequest,
  type RowFlip,
  type VersionDetail,
  rowNotFound,
} from '../../../protocol';

const TOP_K = 5;

const num = (v: number | undefined) => (v === undefined || v !== v ? null : v);
const fmt = (v: number) => String(Number(v.toPrecision(4)));

/** The rows an id names: all rows sharing it, or the one row of a '#<index>' reference. */
function resolve(s: RowsService, q: string): number[] {
  const index = s.idIndex();
  const rows = index ? index.rowsOf(q) : [];
  if (rows.length > 0) return rows;
  const m = ROW_INDEX.exec(q);
  return m && Number(m[1]) < s.d.n ? [Number(m[1])] : [];
}

/** Class name of code c, or null for a missing one. */
const className = (ev: EvalArrays, c: number | undefined) =>
  c === undefined || c < 0 ? null : (ev.classes[c] ?? null);

/**
 * What is ranked for the percentile: binary → the score (P(positive)); multiclass → the
 * probability of the predicted class (the model's confidence, defined with or without a label);
 * regression → the predicted value.
 */
function ranked(s: RowsService, ev: EvalArrays, v: VersionArrays) {
  if (ev.task === 'binary' && v.score) {
    return { values: v.score, basis: `score (probability of ${ev.classes[ev.positive]})` };
  }
  const conf = s.field(`:conf:${v.name}`)?.column;
  if (ev.task === 'multiclass' && conf?.kind === 'numeric') {
    return { values: conf.values, basis: 'probability of the predicted class' };
  }
  if (ev.task === 'regression' && v.yhat) return { values: v.yhat, basis: 'predicted value' };
  return null;
}

function versionDetail(
  s: RowsService,
  ev: EvalArrays,
  v: VersionArrays,
  i: number,
  mask: Uint8Array | null,
): VersionDetail {
  const predicted = v.pred ? className(ev, v.pred[i]) : null;
  const label = ev.label ? className(ev, ev.label[i]) : null;
  const score = v.score ? num(v.score[i]) : null;
  let top = v.probs ? topClasses(v.probs, i, ev.classes, TOP_K) : [];
  if (top.length === 0 && score !== null && ev.task === 'binary') {
    const pos = ev.classes[ev.positive]!;
    const neg = ev.classes[ev.positive === 0 ? 1 : 0]!;
    top = [
      { cls: pos, p: score },
      { cls: neg, p: 1 - score },
    ].sort((a, b) => b.p - a.p);
  }
  const r = ranked(s, ev, v);
  const value = r ? num(r.values[i]) : null;
  return {
    name: v.name,
    predicted,
    yhat: v.yhat ? num(v.yhat[i]) : null,
    correct: predicted !== null && label !== null ? predicted === label : null,
    score,
    top,
    percentile:
      r && value !== null
        ? { basis: r.basis, value, ...percentileOf(r.values, value, mask) }
        : null,
  };
}

function flips(ev: EvalArrays, i: number): RowFlip[] {
  const out: RowFlip[] = [];
  const label = ev.label ? className(ev, ev.label[i]) : null;
  for (let j = 1; j < ev.versions.length; j++) {
    const a = ev.versions[j - 1]!;
    const b = ev.versions[j]!;
    if (ev.task === 'regression') {
      const y = ev.y ? ev.y[i]! : NaN;
      const ea = Math.abs((a.yhat?.[i] ?? NaN) - y);
      const eb = Math.abs((b.yhat?.[i] ?? NaN) - y);
      const sentence = describeErrorChange(a.name, b.name, ea, eb, fmt);
      out.push({ from: a.name, to: b.name, kind: 'regression', sentence });
      continue;
    }
    const pa = a.pred ? className(ev, a.pred[i]) : null;
    const pb = b.pred ? className(ev, b.pred[i]) : null;
    const f = describeFlip(
      { version: a.name, predicted: pa },
      { version: b.name, predicted: pb },
      label,
    );
    out.push({ from: a.name, to: b.name, ...f });
  }
  return out;
}

/** One row for the detail drawer; an unknown id is an answer ("no row with id …"), not a throw. */
export function rowDetail(s: RowsService, req: RowDetailRequest): RowDetail {
  const d = s.d;
  const query = req.row.trim();
  const rows = resolve(s, query);
  if (rows.length === 0) {
    return rowNotFound(query, s.idIndex() !== null, d.n);
  }
  const occurrence = Math.min(Math.max(0, Math.floor(req.occurrence ?? 0)), rows.length - 1);
  const i = rows[occurrence]!;
  let mask: Uint8Array | null = null;
  let cohortError: string | null = null;
  try {
    mask = d.maskOf(req.cohort);
  } catch (err) {
    if (!(err instanceof CohortError)) throw err;
    cohortError = err.message;
  }
  const cohortSize = mask ? popcount(mask) : d.n;
  const rankIn = mask && mask[i] === 1 ? mask : null;
  const ev = d.ev;
  const key = d.idKey();
  const fieldOf = new Map(s.fields().map((f) => [f.key, f]));
  const features = d.combined.columns.map((c) => {
    const f = fieldOf.get(c.name);
    return {
      name: c.name,
      role: f?.role ?? 'feature',
      percent: f?.percent ?? false,
      cell: cellOf(c, i, f?.classes ?? null, TOP_K),
    };
  });
  const cohorts = req.cohorts.map((c) => {
    try {
      return { id: c.id, member: d.maskOf(c.predicate)![i] === 1, error: null };
    } catch (err) {
      if (!(err instanceof CohortError)) throw err;
      return { id: c.id, member: false, error: err.message };
    }
  });
  let label: string | null = null;
  if (ev?.label) label = className(ev, ev.label[i]);
  else if (ev?.y && num(ev.y[i]) !== null) label = fmt(ev.y[i]!);
  return {
    found: true,
    query,
    id: key ? key(i) : null,
    index: i,
    occurrences: rows.length,
    occurrence,
    task: ev?.task ?? null,
    positiveClass: ev?.task === 'binary' ? (ev.classes[ev.positive] ?? null) : null,
    label,
    // A row outside the active cohort is ranked among all rows: its rank within a cohort it is
    // not part of would describe no population it belongs to.
    versions: ev ? ev.versions.map((v) => versionDetail(s, ev, v, i, rankIn)) : [],
    flips: ev ? flips(ev, i) : [],
    features,
    cohortSize,
    inActiveCohort: mask ? mask[i] === 1 : null,
    cohortError,
    cohorts,
  };
}
