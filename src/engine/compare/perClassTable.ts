import type { ClassificationSummary } from '../metrics/classification';

/**
 * The per-class table from each version's summary: support from the first version, the `limit`
 * largest classes when there are more (ties to the lower code), the rest counted as omitted.
 * Shared by the in-tab engine and the DuckDB backend, which differ only in how they count.
 */
export function perClassTable(
  summaries: { version: string; s: ClassificationSummary }[],
  classes: string[],
  limit: number,
) {
  const k = classes.length;
  const support = summaries[0]?.s.perClass.map((c) => c.support) ?? new Array<number>(k).fill(0);
  const order = Array.from({ length: k }, (_, i) => i);
  if (k > limit) order.sort((a, b) => support[b]! - support[a]! || a - b);
  const shown = order.slice(0, limit);
  const pick = (xs: number[]) => shown.map((c) => xs[c]!);
  return {
    classes: shown.map((c) => classes[c]!),
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
