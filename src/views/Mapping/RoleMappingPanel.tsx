import { useState } from 'react';
import type { Task } from '../../shared/roles';
import { useDataset } from '../../state/datasetStore';
import { type Assignment, fromAssignments, toAssignments } from '../../state/roleAssignments';
import { RoleRows } from './RoleRows';
import { PositiveClassSelect } from './PositiveClassSelect';
import { formatCount } from '../../ui/format';

const TASKS: Task[] = ['binary', 'multiclass', 'regression'];

/** The mapping step: every inferred role is visible and editable; applied mappings are remembered. */
export function RoleMappingPanel() {
  const summary = useDataset((s) => s.summary);
  const roles = useDataset((s) => s.roles);
  const analysis = useDataset((s) => s.analysis);
  const fromStorage = useDataset((s) => s.rolesFromStorage);
  const setRoles = useDataset((s) => s.setRoles);
  const resetRoles = useDataset((s) => s.resetRoles);
  const [draft, setDraft] = useState<{
    key: string;
    rows: Assignment[];
    task: Task;
    positive: string | null;
  } | null>(null);
  // The table of every column is rendered only while open: with hundreds of columns its
  // selects are the costliest thing on the first screen.
  const [opened, setOpened] = useState<boolean | null>(null);
  if (!summary || !roles) return null;

  const key = `${summary.fingerprint}:${JSON.stringify(roles)}`;
  const current =
    draft && draft.key === key
      ? draft
      : {
          key,
          rows: toAssignments(
            summary.columns.map((c) => c.name),
            roles,
          ),
          task: roles.task,
          positive: roles.positiveClass,
        };
  const update = (patch: Partial<typeof current>) => setDraft({ ...current, ...patch });
  const draftRoles = { ...fromAssignments(current.rows, roles), task: current.task };
  const kinds = new Map(summary.columns.map((c) => [c.name, c]));
  const noVersions = roles.versions.length === 0;
  const isOpen = opened ?? noVersions;

  return (
    <details
      className="panel"
      open={isOpen}
      onToggle={(e) => setOpened(e.currentTarget.open)}
      aria-labelledby="roles-heading"
    >
      <summary>
        <h2 id="roles-heading">Column roles</h2>
        <span className="hint">
          {fromStorage ? 'your saved mapping' : 'inferred from names and types'} ·{' '}
          {roles.versions.length} versions · {roles.task}
        </span>
      </summary>
      {isOpen && (
        <>
          <div className="role-controls">
            <label>
              Task{' '}
              <select
                value={current.task}
                onChange={(e) => update({ task: e.target.value as Task })}
              >
                {TASKS.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            {current.task === 'binary' && (
              <PositiveClassSelect
                draft={draftRoles}
                chosen={current.positive}
                applied={analysis}
                onChange={(positive) => update({ positive })}
              />
            )}
            <button
              type="button"
              className="button primary"
              onClick={() => void setRoles({ ...draftRoles, positiveClass: current.positive })}
            >
              Apply roles
            </button>
            <button type="button" className="button" onClick={() => void resetRoles()}>
              Reset to inferred
            </button>
          </div>
          <RoleRows
            rows={current.rows}
            kinds={kinds}
            onChange={(i, next) =>
              update({ rows: current.rows.map((r, j) => (j === i ? next : r)) })
            }
            table={(body) => (
              <table className="roles">
                <caption>Roles of {formatCount(summary.columns.length)} columns</caption>
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Type</th>
                    <th scope="col">Role</th>
                    <th scope="col">Version</th>
                    <th scope="col">Sample</th>
                  </tr>
                </thead>
                <tbody>{body}</tbody>
              </table>
            )}
          />
        </>
      )}
    </details>
  );
}
