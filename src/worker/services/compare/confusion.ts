import {
  confusionDelta,
  groupMatrix,
  topClassesByErrorMass,
  transitionMatrix,
} from '../../../engine/compare';
import type { OpenDataset } from '../../session/dataset';
import type { ConfusionRequest, ConfusionResult } from '../../../protocol';

/**
 * Confusion matrices of two versions over the same rows of a cohort, their difference, and the
 * A-prediction → B-prediction transitions. Many classes: the top ones by error mass, the rest
 * grouped as "other".
 */
export function compareConfusion(d: OpenDataset, req: ConfusionRequest): ConfusionResult {
  const ev = d.ev;
  if (!ev || !ev.label) throw new Error('confusion matrices need a label and predicted classes');
  const a = ev.versions.find((v) => v.name === req.a)?.pred;
  const b = ev.versions.find((v) => v.name === req.b)?.pred;
  if (!a || !b) throw new Error(`versions "${req.a}" and "${req.b}" need predicted classes`);
  const k = ev.classes.length;
  const mask = d.maskOf(req.cohort) ?? undefined;
  const cd = confusionDelta(ev.label, a, b, k, mask);
  const tr = transitionMatrix(a, b, k, mask);
  const natural = Array.from({ length: k }, (_, i) => i);
  const top = k > req.top ? topClassesByErrorMass(cd.a, cd.b, k, req.top).top : natural;
  const group = (m: Float64Array) => Array.from(groupMatrix(m, k, top).matrix);
  const grouped = k - top.length;
  const labels = top.map((c) => ev.classes[c]!);
  if (grouped > 0) labels.push(`other (${grouped} classes)`);
  return {
    classIndex: grouped > 0 ? [...top, -1] : top,
    labels,
    a: group(cd.a),
    b: group(cd.b),
    delta: group(cd.delta),
    transition: group(tr),
    n: cd.n,
    grouped,
  };
}
