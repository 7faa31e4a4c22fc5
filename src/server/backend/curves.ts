// ROC and precision–recall curves in SQL (worker/services/compare/curves.ts): one GROUP BY per
// version gives the positives and negatives at each distinct score, highest first; the running
// sums are the engine's OperatingCurve, and its own functions draw, downsample and integrate it,
// so points, AUC and AP equal the tab's. What leaves DuckDB is one row per distinct score in the
// cohort: small for model scores rounded to a few digits, up to a few million for raw float32
// scores over 100M rows (README "Where to go past one machine": round them in SQL first).
import { positiveIndex } from '../../data/classes';
import {
  curveAp,
  curveAuc,
  matchedMark,
  thresholdMark,
  prLine,
  rocLine,
  type OperatingCurve,
} from '../../engine/compare';
import type { Curves, CurvesRequest, VersionCurves } from '../../protocol';
import { nanToNull } from '../sql/columns';
import { int } from '../sql/quote';
import { labelCode, probabilities, scoreOf } from '../sql/roles';
import type { SqlQuery, SqlSource } from '../sql/types';
import { statsSql } from './operatingPoints';

const thresholdFor = (t: Record<string, number>, version: string): number =>
  Object.hasOwn(t, version) ? t[version]! : 0.5;

/** The full operating curve of `score` against the 0/1 label `l01` over the cohort. */
async function curveSql(
  db: SqlQuery,
  src: SqlSource,
  l01: string,
  score: string,
  where: string,
): Promise<OperatingCurve> {
  const rows = await db.rows(
    `SELECT s, count(*) FILTER (WHERE l = 1) AS p, count(*) FILTER (WHERE l = 0) AS q FROM ` +
      `(SELECT ${score} AS s, ${l01} AS l FROM ${src.from} WHERE ${where}) WHERE s IS NOT NULL AND l IS NOT NULL ` +
      `GROUP BY s ORDER BY s DESC`,
  );
  const m = rows.length + 1;
  const thresholds = new Float64Array(m);
  const tp = new Float64Array(m);
  const fp = new Float64Array(m);
  thresholds[0] = Infinity;
  rows.forEach((r, k) => {
    thresholds[k + 1] = Number(r.s);
    tp[k + 1] = tp[k]! + Number(r.p);
    fp[k + 1] = fp[k]! + Number(r.q);
  });
  return { thresholds, tp, fp, nPos: tp[m - 1]!, nNeg: fp[m - 1]! };
}

export async function curvesSql(
  db: SqlQuery,
  src: SqlSource,
  req: CurvesRequest,
  where: string,
): Promise<Curves> {
  const task = src.roles.task;
  const classes = src.classes;
  const classIndex = Math.min(Math.max(0, req.classIndex ?? 0), classes.length - 1);
  const none = (message: string): Curves => ({
    kind: null,
    positive: '',
    classIndex,
    classes,
    versions: [],
    message,
  });
  if (task === 'regression') return none('ROC and precision–recall curves need a classifier.');
  const label = labelCode(src);
  if (!label) return none('ROC and precision–recall curves need a label column.');
  const binary = task === 'binary';
  const positive = binary ? positiveIndex(classes, src.roles.positiveClass) : classIndex;
  const l01 = `(CASE WHEN ${label} = ${int(positive)} THEN 1 WHEN ${label} IS NOT NULL THEN 0 END)`;
  const scoreSql = (name: string): string | null => {
    if (binary) return scoreOf(src, name);
    const v = src.roles.versions.find((x) => x.name === name);
    const p = v ? probabilities(src, v) : null;
    return p ? nanToNull(`CAST(${p[classIndex]} AS DOUBLE)`) : null;
  };
  const base = req.baseline !== null ? scoreSql(req.baseline) : null;
  const baseHas = req.baseline !== null && src.roles.versions.some((v) => v.name === req.baseline);
  const baseFp =
    binary && base && baseHas
      ? (await statsSql(db, src, l01, base, thresholdFor(req.thresholds, req.baseline!), where)).fp
      : null;
  const versions: VersionCurves[] = [];
  for (const { name } of src.roles.versions) {
    const score = scoreSql(name);
    if (!score) continue;
    const c = await curveSql(db, src, l01, score, where);
    const chosen = binary
      ? thresholdMark(
          await statsSql(db, src, l01, score, thresholdFor(req.thresholds, name), where),
        )
      : null;
    versions.push({
      version: name,
      nPos: c.nPos,
      nNeg: c.nNeg,
      auc: curveAuc(c),
      ap: curveAp(c),
      roc: rocLine(c, req.points),
      pr: prLine(c, req.points),
      chosen,
      matched: binary && baseFp !== null && name !== req.baseline ? matchedMark(c, baseFp) : null,
    });
  }
  const what = binary ? 'a score' : 'class probabilities';
  return {
    kind: binary ? 'binary' : 'one-vs-rest',
    positive: classes[positive] ?? '?',
    classIndex,
    classes,
    versions,
    message: versions.length ? null : `No version has ${what}.`,
  };
}
