import { classificationSummary } from '../../../engine/metrics';
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
  const support = summaries[0]?.s.perClass.map((c) => c.support) ?? new Array<number>(k).fill(0);
  const order = Array.from({ length: k }, (_, i) => i);
  if (k > req.limit) order.sort((a, b) => support[b]! - support[a]! || a - b);
  const shown = order.slice(0, req.limit);
  const pick = (xs: number[]) => shown.map((c) => xs[c]!);
  return {
    classes: shown.map((c) => ev.classes[c]!),
    support: pick(support),
    versions: summaries.map(({ version, s }) => ({
      version,
      precision: pick(s.perClass.map((c) => c.precision)),
      recall: pick(s.perClass.map((c) => c.recall)),
      f1: pick(s.perClass.map((c) => c.f1)),
    })),
    omitted: k - shown.length,
  };
}
