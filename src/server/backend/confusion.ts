// Compare's confusion shifts and per-class table in SQL (worker/services/compare/confusion.ts,
// perClass.ts): the matrices are GROUP BY counts; grouping and per-class arithmetic are the
// engine's own functions on them.
import { groupMatrix, topClassesByErrorMass } from '../../engine/compare';
import { summaryOfMatrix } from '../../engine/metrics/classification';
import { perClassTable } from '../../engine/compare/perClassTable';
import type {
  ConfusionRequest,
  ConfusionResult,
  PerClassRequest,
  PerClassResult,
} from '../../protocol';
import { labelCode, predCode } from '../sql/roles';
import type { SqlQuery, SqlSource } from '../sql/types';
import { confusionSql } from './metrics';

export async function confusionShiftSql(
  db: SqlQuery,
  src: SqlSource,
  req: ConfusionRequest,
  where: string,
): Promise<ConfusionResult> {
  const label = labelCode(src);
  if (!label || src.roles.task === 'regression')
    throw new Error('confusion matrices need a label and predicted classes');
  const pa = predCode(src, req.a);
  const pb = predCode(src, req.b);
  if (!pa || !pb) throw new Error(`versions "${req.a}" and "${req.b}" need predicted classes`);
  const k = src.classes.length;
  const counts = await db.rows(
    `SELECT l, a, b, count(*) AS n FROM (SELECT ${label} AS l, ${pa} AS a, ${pb} AS b FROM ${src.from} WHERE ${where}) ` +
      `WHERE a IS NOT NULL AND b IS NOT NULL GROUP BY l, a, b`,
  );
  const a = new Float64Array(k * k);
  const b = new Float64Array(k * k);
  const tr = new Float64Array(k * k);
  let n = 0;
  for (const r of counts) {
    const c = Number(r.n);
    tr[Number(r.a) * k + Number(r.b)]! += c;
    if (r.l === null) continue;
    a[Number(r.l) * k + Number(r.a)]! += c;
    b[Number(r.l) * k + Number(r.b)]! += c;
    n += c;
  }
  const delta = b.map((x, j) => x - a[j]!);
  const natural = Array.from({ length: k }, (_, i) => i);
  const top = k > req.top ? topClassesByErrorMass(a, b, k, req.top).top : natural;
  const group = (m: Float64Array) => Array.from(groupMatrix(m, k, top).matrix);
  const grouped = k - top.length;
  const labels = top.map((c) => src.classes[c]!);
  if (grouped > 0) labels.push(`other (${grouped} classes)`);
  return {
    classIndex: grouped > 0 ? [...top, -1] : top,
    labels,
    a: group(a),
    b: group(b),
    delta: group(delta),
    transition: group(tr),
    n,
    grouped,
  };
}

export async function perClassSql(
  db: SqlQuery,
  src: SqlSource,
  req: PerClassRequest,
  where: string,
): Promise<PerClassResult> {
  const label = labelCode(src);
  if (!label || src.roles.task === 'regression')
    throw new Error('per-class metrics need a label and classes');
  const k = src.classes.length;
  const summaries = [];
  for (const v of src.roles.versions) {
    const p = predCode(src, v.name);
    if (!p) continue;
    const s = summaryOfMatrix(await confusionSql(db, src, label, p, where), k);
    summaries.push({ version: v.name, s });
  }
  return perClassTable(summaries, src.classes, req.limit);
}
