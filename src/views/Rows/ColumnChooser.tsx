import type { RowColumn } from '../../protocol';
import type { RowsTable } from './columns';
import { formatCount } from '../../ui/format';

/** Which columns the table shows: a disclosure with one checkbox per column, by role. */
export function ColumnChooser({
  table,
  columns,
  onDefaults,
}: {
  table: RowsTable;
  columns: RowColumn[];
  onDefaults: () => void;
}) {
  const shown = table.getVisibleLeafColumns().length;
  return (
    <details className="column-chooser">
      <summary className="button">
        Columns ({formatCount(shown)} of {formatCount(columns.length)})
      </summary>
      <fieldset>
        <legend>Columns to show</legend>
        <div className="column-chooser-actions">
          <button type="button" className="button" onClick={onDefaults}>
            Defaults
          </button>
          <button
            type="button"
            className="button"
            onClick={() => table.toggleAllColumnsVisible(true)}
          >
            All
          </button>
        </div>
        <ul>
          {columns.map((c) => {
            const col = table.getColumn(c.key);
            if (!col) return null;
            return (
              <li key={c.key}>
                <label>
                  <input
                    type="checkbox"
                    checked={col.getIsVisible()}
                    onChange={(e) => col.toggleVisibility(e.target.checked)}
                  />
                  {c.label}
                  <span className="hint"> {c.role}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </details>
  );
}
