import { useDataset } from '../../state/datasetStore';
import { resetSavedState } from '../../state/resetSaved';

/**
 * Outside every panel that reads saved state, so it stays reachable when one of them fails.
 */
export function ResetSaved() {
  const summary = useDataset((s) => s.summary);
  if (!summary) return null;
  return (
    <button
      type="button"
      className="button small"
      // The short label keeps the header on two lines at 1280 px; the name says whose state.
      aria-label="Reset saved state of this dataset"
      title="Forget the roles, cohorts, rules, thresholds and view kept for this dataset in this browser"
      onClick={() => {
        if (
          window.confirm(
            'Forget the roles, cohorts, rules, thresholds and view saved for this dataset?',
          )
        )
          void resetSavedState();
      }}
    >
      Reset saved state
    </button>
  );
}
