import type { Analysis, DatasetSummary } from '../../protocol';
import type { RoleMapping } from '../../shared/roles';
import type { ColorBy } from '../../protocol';

export interface ColorOption {
  value: string;
  label: string;
  by: ColorBy;
}

/** Every colouring the open dataset supports, as select options. */
export function colorOptions(
  summary: DatasetSummary,
  roles: RoleMapping,
  analysis: Analysis | null,
): ColorOption[] {
  const out: ColorOption[] = [];
  const classes = analysis && analysis.task !== 'regression';
  if (classes && roles.label) out.push({ value: 'label', label: 'Label', by: { kind: 'label' } });
  const versions = classes ? roles.versions.map((v) => v.name) : [];
  for (const v of versions) {
    out.push({
      value: `pred:${v}`,
      label: `${v} prediction`,
      by: { kind: 'predicted', version: v },
    });
  }
  if (roles.label) {
    for (const v of versions) {
      out.push({
        value: `outcome:${v}`,
        label: `${v} correct / wrong`,
        by: { kind: 'outcome', version: v },
      });
    }
    for (let i = 1; i < versions.length; i++) {
      const from = versions[i - 1]!;
      const to = versions[i]!;
      out.push({
        value: `flip:${from}|${to}`,
        label: `Flips ${from} → ${to}`,
        by: { kind: 'flip', from, to },
      });
    }
  }
  out.push({ value: 'cohort', label: 'Active cohort membership', by: { kind: 'cohort' } });
  for (const c of summary.columns) {
    if (c.kind === 'vector' || c.kind === 'binary') continue;
    out.push({
      value: `col:${c.name}`,
      label: `Column: ${c.name}`,
      by: { kind: 'column', name: c.name },
    });
  }
  return out;
}
