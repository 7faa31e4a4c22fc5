import type { CombinedTable } from '../../data/shapes';
import type { ColumnInfo, LoadedTable } from '../../data/types';
import type { DatasetSummary } from '../../protocol';
import { describeColumn } from '../../data/columnInfo';
import { fingerprint } from '../../data/fingerprint';
import { inferRoles } from '../../data/inferRoles';
import { inferLabel } from '../../data/labelInference';

/** Columns still being read: their places among all names, and what is known of them. */
export interface Placeholders {
  order: string[];
  infos: Map<string, ColumnInfo>;
}

/** What the page learns of an opened dataset; `later` lists the columns still being read. */
export function summarize(
  combined: CombinedTable,
  tables: LoadedTable[],
  later?: Placeholders,
): DatasetSummary {
  const types: Record<string, string> = Object.assign({}, ...tables.map((t) => t.arrowTypes));
  const loaded = combined.columns.map((c) =>
    describeColumn(c, (Object.hasOwn(types, c.name) && types[c.name]) || c.kind),
  );
  const byName = new Map(loaded.map((c) => [c.name, c]));
  const columns = later
    ? later.order.flatMap((n) => {
        const c = byName.get(n) ?? later.infos.get(n);
        return c ? [c] : [];
      })
    : loaded;
  const named = inferRoles(columns, combined.metadata, combined.report.idColumn);
  const { roles: inferred, inference } = inferLabel(combined.columns, columns, named);
  const parts = [String(combined.numRows), ...columns.map((c) => `${c.name}:${c.arrowType}`)];
  return {
    fingerprint: fingerprint(parts),
    files: tables.map((t) => t.fileName),
    numRows: combined.numRows,
    columns,
    skipped: tables.flatMap((t) => t.skipped.map((s) => ({ ...s, fileName: t.fileName }))),
    report: combined.report,
    inferred,
    labelInference: inference,
    description: combined.metadata['workbench.description'] ?? null,
  };
}
