import { useDataset } from '../../state/datasetStore';
import { formatPercent } from '../../ui/format';

/**
 * Metrics need a label: when none is set, say so above every view and offer the columns whose
 * values fit, best first, one click each. When the label was found by its values, say which rule.
 */
export function LabelBanner() {
  const summary = useDataset((s) => s.summary);
  const roles = useDataset((s) => s.roles);
  const setRoles = useDataset((s) => s.setRoles);
  if (!summary || !roles || roles.versions.length === 0) return null;
  const { rule, candidates } = summary.labelInference;
  if (roles.label) {
    if (!rule || roles.label !== summary.inferred.label) return null;
    return (
      <p className="label-note" role="note">
        {rule[0]!.toUpperCase() + rule.slice(1)}.
      </p>
    );
  }
  const version = roles.versions[0]!.name;
  return (
    <section className="banner" role="region" aria-label="No label column">
      <strong>No label column: metrics need one.</strong>{' '}
      {candidates.length === 0
        ? 'No column’s values fit the predictions: choose the label under “Column roles”.'
        : candidates.length === 1
          ? 'This column could be it:'
          : `${candidates.length} columns could be it, best first:`}
      {candidates.length > 0 && (
        <ol>
          {candidates.map((c) => (
            <li key={c.column}>
              <button
                type="button"
                className="button"
                onClick={() =>
                  void setRoles({ ...roles, label: c.column, task: c.task, positiveClass: null })
                }
              >
                Use {c.column} as the label
              </button>{' '}
              <span className="hint">
                {c.why}; goes with {version} on {formatPercent(c.agreement)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
