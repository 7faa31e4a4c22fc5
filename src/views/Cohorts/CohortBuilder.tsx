import { useState } from 'react';
import { useDataset } from '../../state/datasetStore';
import { parsePredicate } from '../../shared/cohortValidate';
import type { CohortDef, Predicate } from '../../protocol';
import { formatCount } from '../../ui/format';
import { type Draft, conditionKey, fromPredicate, toPredicate } from './draft';
import { fieldOptions } from './fields';
import { ConditionRow } from './ConditionRow';
import { useDraftSize } from './useDraftSize';
import { columnsOf } from '../../shared/predicate';
import { useLoadingNote } from '../Load/ColumnsLoading';

interface Props {
  initial: CohortDef | null;
  onSave: (name: string, predicate: Predicate) => void;
  onCancel: () => void;
}

/** The filter builder: conditions on any column or role, combined with all-of / any-of and not. */
export function CohortBuilder({ initial, onSave, onCancel }: Props) {
  const summary = useDataset((s) => s.summary);
  const roles = useDataset((s) => s.roles);
  const fromInitial = initial ? fromPredicate(initial.name, initial.predicate) : null;
  const [draft, setDraft] = useState<Draft>(
    fromInitial ?? { name: initial?.name ?? '', combinator: 'and', conditions: [] },
  );
  const [json, setJson] = useState<string | null>(
    initial && !fromInitial ? JSON.stringify(initial.predicate, null, 2) : null,
  );
  const options = summary && roles ? fieldOptions(summary.columns, roles) : [];
  const jsonPredicate = json !== null ? parseJson(json) : null;
  const predicate =
    json !== null ? jsonPredicate : draft.conditions.length ? toPredicate(draft) : null;
  const stats = useDraftSize(predicate);
  // A condition on a column still being read waits for it (the worker holds the request).
  const loadingNote = useLoadingNote(predicate ? columnsOf(predicate) : []);
  const n = summary?.numRows ?? 0;

  return (
    <section className="panel builder" aria-label="Cohort builder">
      <div className="builder-head">
        <label>
          Cohort name{' '}
          <input
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            placeholder="e.g. young, FR"
          />
        </label>
        {json === null && (
          <label>
            Rows matching{' '}
            <select
              aria-label="Combine conditions"
              value={draft.combinator}
              onChange={(e) => setDraft({ ...draft, combinator: e.target.value as 'and' | 'or' })}
            >
              <option value="and">all conditions (AND)</option>
              <option value="or">any condition (OR)</option>
            </select>
          </label>
        )}
        <span className="draft-size" aria-live="polite">
          {stats?.error ? (
            <span className="error-text">{stats.error}</span>
          ) : stats ? (
            `${formatCount(stats.size)} of ${formatCount(n)} rows match`
          ) : (
            (loadingNote ?? '')
          )}
        </span>
      </div>
      {json === null ? (
        <>
          <ol className="conditions">
            {draft.conditions.map((c, i) => (
              <ConditionRow
                key={c.key}
                index={i}
                condition={c}
                options={options}
                onChange={(next) =>
                  setDraft({
                    ...draft,
                    conditions: draft.conditions.map((x) => (x.key === c.key ? next : x)),
                  })
                }
                onRemove={() =>
                  setDraft({
                    ...draft,
                    conditions: draft.conditions.filter((x) => x.key !== c.key),
                  })
                }
              />
            ))}
          </ol>
          <div className="builder-actions">
            <button
              type="button"
              className="button"
              disabled={options.length === 0}
              onClick={() =>
                setDraft({
                  ...draft,
                  conditions: [
                    ...draft.conditions,
                    { key: conditionKey(), negate: false, leaf: options[0]!.initial() },
                  ],
                })
              }
            >
              Add condition
            </button>{' '}
            <button
              type="button"
              className="button"
              onClick={() =>
                setJson(JSON.stringify(predicate ?? { op: 'and', children: [] }, null, 2))
              }
            >
              Edit as JSON
            </button>
          </div>
        </>
      ) : (
        <label className="json-editor">
          Condition as JSON (nested and / or / not allowed)
          <textarea
            rows={8}
            value={json}
            onChange={(e) => setJson(e.target.value)}
            spellCheck={false}
          />
          {!jsonPredicate && <span className="error-text">Not a valid condition.</span>}
        </label>
      )}
      <div className="builder-actions">
        <button
          type="button"
          className="button primary"
          disabled={!predicate || !draft.name.trim()}
          onClick={() => predicate && onSave(draft.name.trim(), predicate)}
        >
          Save cohort
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function parseJson(text: string): Predicate | null {
  try {
    return parsePredicate(JSON.parse(text));
  } catch {
    return null;
  }
}
