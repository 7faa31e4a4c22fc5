import { useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import { exportCohorts, importCohorts } from '../../state/cohortFiles';
import { downloadText, exportFileName } from '../../ui/download';

/** Export the cohorts as JSON, and import them into any dataset with those columns. */
export function CohortFileActions() {
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
            const names = new Set(summary.columns.map((c) => c.name));
            const versions = new Set(roles?.versions.map((v) => v.name) ?? []);
            const r = importCohorts(await file.text(), {
              column: (c) => names.has(c),
              version: (v) => versions.has(v),
            });
            const store = useCohorts.getState();
            if (r.cohorts.length)
              store.replaceAll([...store.cohorts, ...r.cohorts], store.fingerprint, store.activeId);
            if (r.problems.length)
              report(
                r.problems.map((reason) => ({ fileName: file.name, reason, action: 'Importing' })),
              );
          }}
        />
      </label>
    </>
  );
}
