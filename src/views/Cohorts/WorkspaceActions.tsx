import { memo } from 'react';
import { appendCohorts, useCohorts } from '../../state/cohortStore';
import { useCompare } from '../../state/compareStore';
import { useDataset } from '../../state/datasetStore';
import { useView } from '../../state/viewStore';
import { exportWorkspace, importWorkspace } from '../../state/workspaceFile';
import { downloadText, exportFileName } from '../../ui/download';
import { importTooLarge } from '../../state/cohortFiles';

/** Everything made on this dataset (roles, cohorts, rules, thresholds, view) as one JSON file. */
function WorkspaceActionsInner() {
  const summary = useDataset((s) => s.summary);
  if (!summary) return null;
  const save = () => {
    const { roles } = useDataset.getState();
    const { cohorts, activeId } = useCohorts.getState();
    const { baseline, thresholds, rules } = useCompare.getState();
    const { view, focusedRow } = useView.getState();
    const text = exportWorkspace({
      roles,
      cohorts,
      activeId,
      compare: { baseline, thresholds, rules },
      view,
      row: focusedRow,
    });
    downloadText(text, exportFileName(summary.files, 'workspace', 'json'));
  };
  const load = async (file: File) => {
    const tooLarge = importTooLarge(file.size);
    if (tooLarge)
      return useDataset
        .getState()
        .report([{ fileName: file.name, reason: tooLarge, action: 'Importing' }]);
    const names = new Set(summary.columns.map((c) => c.name));
    const versions = new Set(useDataset.getState().roles?.versions.map((v) => v.name) ?? []);
    const { workspace: w, problems } = importWorkspace(await file.text(), {
      column: (c) => names.has(c),
      version: (v) => versions.has(v),
    });
    if (w.roles) await useDataset.getState().setRoles(w.roles);
    const capped = appendCohorts(w.cohorts);
    if (capped) problems.push(capped);
    if (w.compare) useCompare.getState().reset(w.compare);
    if (w.view) useView.getState().setView(w.view);
    if (problems.length)
      useDataset
        .getState()
        .report(problems.map((reason) => ({ fileName: file.name, reason, action: 'Importing' })));
  };
  return (
    <>
      <button type="button" className="button small" onClick={save}>
        Export workspace
      </button>
      <label className="button small">
        Import workspace…
        <input
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          aria-label="Import workspace"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void load(file);
          }}
        />
      </label>
    </>
  );
}

/** Memoized: it takes no props, so the cohort bar's re-render on each cohort answer skips it. */
export const WorkspaceActions = memo(WorkspaceActionsInner);
