import { classificationSummary } from '../../../engine/metrics';
import { perClassTable } from '../../../engine/compare/perClassTable';
import type { OpenDataset } from '../../session/dataset';
import type { PerClassRequest, PerClassResult } from '../../../protocol';

/** Precision, recall and F1 per class and version on a cohort; the largest classes first when many. */
export function comparePerClass(d: OpenDataset, req: PerClassRequest): PerClassResult {
  const ev = d.ev;
  if (!ev || !ev.label || ev.task === 'regression')
    throw new Error('per-class metrics need a label and classes');
  const k = ev.classes.length;
  const mask = d.maskOf(req.cohort) ?? undefined;
  const summaries = ev.versions
    .filter((v) => v.pred)
    .map((v) => ({ version: v.name, s: classificationSummary(ev.label!, v.pred!, k, mask) }));
  return perClassTable(summaries, ev.classes, req.limit);
}
