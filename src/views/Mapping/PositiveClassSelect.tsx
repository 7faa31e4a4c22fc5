import type { RoleMapping } from '../../shared/roles';
import { useDraftClasses } from './useDraftClasses';

interface Props {
  draft: RoleMapping;
  chosen: string | null;
  applied: { classes: string[]; positiveClass: string | null } | null;
  onChange: (positive: string) => void;
}

/** The positive class among the classes of the label being chosen (not the applied one). */
export function PositiveClassSelect({ draft, chosen, applied, onChange }: Props) {
  const classes = useDraftClasses(draft, applied);
  if (!classes) return null;
  const value =
    chosen !== null && classes.classes.includes(chosen) ? chosen : (classes.positiveClass ?? '');
  return (
    <label>
      Positive class{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {classes.classes.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}
