import { useState } from 'react';
import { useCohorts } from '../../state/cohortStore';
import { useDataset } from '../../state/datasetStore';
import type { CohortDef, CohortStats } from '../../protocol';
import { CohortBuilder } from './CohortBuilder';
import { CohortChip } from './CohortChip';
import { CHIPS_SHOWN, CohortList } from './CohortList';
import { CohortFileActions } from './CohortFileActions';
import { WorkspaceActions } from './WorkspaceActions';

/** Saved cohorts with their sizes and metrics, the active one highlighted; build, edit, compare. */
export function CohortBar() {
  const summary = useDataset((s) => s.summary);
  const analysis = useDataset((s) => s.analysis);
  const { cohorts, stats, activeId, add, update, remove, setActive } = useCohorts();
  const [editing, setEditing] = useState<CohortDef | 'new' | null>(null);
  if (!summary) return null;
  const total = summary.numRows;
  const regression = analysis?.task === 'regression';
  const all: CohortStats | null = analysis
    ? { id: 'all', size: total, metrics: analysis.metrics, error: null }
    : null;
  const active = cohorts.find((c) => c.id === activeId) ?? null;
  // A long list shows its first chips (and the active one); all of them are in CohortList.
  const long = cohorts.length > CHIPS_SHOWN;
  const chips = long
    ? [
        ...cohorts.slice(0, CHIPS_SHOWN),
        ...(active && !cohorts.slice(0, CHIPS_SHOWN).includes(active) ? [active] : []),
      ]
    : cohorts;

  return (
    <section className="cohort-bar" aria-label="Cohorts">
      <div className="chips">
        <CohortChip
          name="All rows"
          stats={all}
          total={total}
          regression={regression}
          active={!active}
          onSelect={() => setActive(null)}
        />
        {chips.map((c) => (
          <CohortChip
            key={c.id}
            name={c.name}
            stats={stats.get(c.id) ?? null}
            total={total}
            regression={regression}
            active={c.id === activeId}
            onSelect={() => setActive(c.id)}
          />
        ))}
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          New cohort
        </button>
      </div>
      {long && (
        <CohortList
          cohorts={cohorts}
          stats={stats}
          total={total}
          regression={regression}
          activeId={activeId}
          onSelect={setActive}
        />
      )}
      <div className="cohort-actions">
        {active && (
          <>
            <span className="hint">Active: {active.name}</span>
            <button type="button" className="button small" onClick={() => setEditing(active)}>
              Edit
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => {
                const rest = add(`Rest of ${active.name}`, { op: 'not', child: active.predicate });
                setActive(rest.id);
              }}
            >
              Cohort vs rest
            </button>
            <button type="button" className="button small" onClick={() => remove(active.id)}>
              Delete
            </button>
          </>
        )}
        <CohortFileActions />
        <WorkspaceActions />
      </div>
      {editing && (
        <CohortBuilder
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={(name, predicate) => {
            if (editing === 'new') setActive(add(name, predicate).id);
            else update(editing.id, { name, predicate });
            setEditing(null);
          }}
        />
      )}
    </section>
  );
}
