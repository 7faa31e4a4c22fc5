// What the slice finder explains, per row, in SQL (engine/slices/target.ts's buildTarget and the
// worker's targetInput): one table `t` of the rows in scope with the outcome code (0/1/2 and
// 3 = no outcome), the value x of the mean kinds, each feature's bin code, and each version's
// own outcome for the per-version estimates. Rows outside the cohort are not in `t` (OUT).
import type { Target } from '../../engine/slices';
import type { SliceMeasure, SlicesRequest } from '../../protocol';
import { labelCode, labelValue, predCode, yhatOf } from '../sql/roles';
import type { SqlFeature } from '../sql/sliceBins';
import type { SqlSource } from '../sql/types';
import { int } from '../sql/quote';

export interface SqlTarget {
  kind: Target['kind'];
  /** A FROM item: the rows in scope with code, x, cv/cb (outcomes) and f0, f1, … (bin codes). */
  from: string;
  paired: boolean;
  measure: SliceMeasure;
}

const pairedMode = (req: SlicesRequest) => req.mode !== 'failure';

export function sliceTarget(
  src: SqlSource,
  req: SlicesRequest,
  features: SqlFeature[],
  where: string,
): SqlTarget {
  const paired = pairedMode(req);
  const b = paired ? req.baseline : null;
  if (paired && (!b || b === req.version)) {
    throw new Error('Comparing versions needs a baseline version other than the one examined.');
  }
  const up = req.mode === 'improvement';
  // SKIP is -1 (not NULL): a NULL in a GROUPING SETS answer then means "not grouped by this".
  const bins = features.map((f, j) => `COALESCE(${f.code}, -1) AS f${j}`).join(', ');
  const regression = src.roles.task === 'regression';
  let inner: string;
  let code: string;
  let x = 'CAST(NULL AS DOUBLE)';
  if (regression) {
    const y = labelValue(src);
    const err = (v: string) => {
      const h = yhatOf(src, v);
      return y && h ? `abs(${h} - ${y})` : null;
    };
    const ev = err(req.version);
    const eb = b ? err(b) : 'CAST(NULL AS DOUBLE)';
    if (!ev || !eb) throw new Error('No predictions and targets to compare.');
    inner = `SELECT ${ev} AS cv, ${eb} AS cb, ${bins} FROM ${src.from} WHERE ${where}`;
    const d = b ? `${up ? '-' : ''}(cv - cb)` : 'cv';
    x = `${d}`;
    code = `CASE WHEN ${d} IS NULL THEN 3 ELSE 0 END`;
  } else {
    const label = labelCode(src);
    const correct = (v: string) => {
      const p = predCode(src, v);
      return label && p
        ? `(CASE WHEN ${label} IS NULL OR ${p} IS NULL THEN 2 WHEN ${p} = ${label} THEN 1 ELSE 0 END)`
        : null;
    };
    const cv = correct(req.version);
    const cb = b ? correct(b) : '2';
    if (!cv || !cb) throw new Error('No labels and predictions to compare.');
    inner = `SELECT ${cv} AS cv, ${cb} AS cb, ${bins} FROM ${src.from} WHERE ${where}`;
    const [worse, better] = up ? [2, 1] : [1, 2];
    code = b
      ? `CASE WHEN cv = 2 OR cb = 2 THEN 3 WHEN cb = 1 AND cv = 0 THEN ${worse} WHEN cb = 0 AND cv = 1 THEN ${better} ELSE 0 END`
      : 'CASE cv WHEN 2 THEN 3 WHEN 0 THEN 1 ELSE 0 END';
  }
  const fs = features.map((_, j) => `f${j}`).join(', ');
  const from = `(SELECT ${code} AS code, ${x} AS x, cv, cb, ${fs} FROM (${inner}) i)`;
  const kind: Target['kind'] = regression ? (b ? 'pairedMean' : 'mean') : b ? 'paired' : 'rate';
  const measure: SliceMeasure = regression
    ? b
      ? 'change in absolute error'
      : 'MAE'
    : b
      ? 'change in error rate'
      : 'error rate';
  return { kind, from, paired: !!b, measure };
}

/** `f3 = 1 AND f5 = 0` for conditions [feature, bin, …] over `t`'s bin codes. */
export function condsSql(conds: number[]): string {
  const parts: string[] = [];
  for (let j = 0; j < conds.length; j += 2)
    parts.push(`f${int(conds[j]!)} = ${int(conds[j + 1]!)}`);
  return parts.join(' AND ') || 'TRUE';
}
