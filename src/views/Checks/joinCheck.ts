import type { DatasetSummary } from '../../protocol';

/** Files joined by id that matched none of the dataset's ids: likely two datasets, not one. */
export function unmatchedFiles(summary: DatasetSummary): string[] {
  const { report } = summary;
  if (report.shape === 'wide' || report.files.length < 2) return [];
  return report.files.filter((f) => f.rows > 0 && f.matched === 0).map((f) => f.fileName);
}
