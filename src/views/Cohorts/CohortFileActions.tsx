import { memo } from 'react';
import { appendCohorts, useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { exportCohorts, importCohorts, importTooLarge } from '../../state/cohortFiles';
import { downloadText, exportFileName } from '../../ui/download';

/** Export the cohorts as JSON, and import them into any dataset with those columns. */
function CohortFileActionsInner() {
  const cohorts = useCohorts((s) => s.cohorts);
  const summary = useDataset((s) => s.summary);
  const roles = useDataset((s) => s.roles);
  const report = useDataset((s) => s.report);
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={!cohorts.length}
        onClick={() =>
          downloadText(
            exportCohorts(cohorts),
            exportFileName(summary?.files ?? [], 'cohorts', 'json'),
          )
        }
      >
        Export cohorts
      </button>
      <label className="button small">
        Import cohorts…
        <input
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          aria-label="Import cohorts"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file || !summary) return;
            const tooLarge = importTooLarge(file.size);
            if (tooLarge)
              return report([{ fileName: file.name, reason: tooLarge, action: 'Importing' }]);
            const names = new Set(summary.columns.map((c) => c.name));
            const versions = new Set(roles?.versions.map((v) => v.name) ?? []);
            const r = importCohorts(await file.text(), {
              column: (c) => names.has(c),
              version: (v) => versions.has(v),
            });
            const capped = appendCohorts(r.cohorts);
            const problems = capped ? [...r.problems, capped] : r.problems;
            if (problems.length)
              report(
                problems.map((reason) => ({ fileName: file.name, reason, action: 'Importing' })),
              );
          }}
        />
      </label>
    </>
  );
}

/** Memoized: it takes no props, so the cohort bar's re-render on each cohort answer skips it. */
export const CohortFileActions = memo(CohortFileActionsInner);
