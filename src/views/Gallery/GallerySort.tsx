import { useView } from '../../state/viewStore';
import type { RowColumn } from '../../protocol';

/** The rows table's sort, set from here too (one order for both views). */
export function GallerySort({ columns }: { columns: RowColumn[] }) {
  const sorting = useView((s) => s.rowsSort);
  const setSort = useView((s) => s.setRowsSort);
  const s0 = sorting[0];
  const sortable = columns.filter((c) => c.sortable);
  return (
    <div className="gallery-sort">
      <label>
        Sort by{' '}
        <select
          value={s0?.id ?? ''}
          onChange={(e) =>
            setSort(e.target.value ? [{ id: e.target.value, desc: s0?.desc ?? false }] : [])
          }
        >
          <option value="">file order</option>
          {sortable.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={s0?.desc ?? false}
          disabled={!s0}
          onChange={(e) => s0 && setSort([{ id: s0.id, desc: e.target.checked }])}
        />{' '}
        Highest first
      </label>
    </div>
  );
}
