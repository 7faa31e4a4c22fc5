import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ColumnInfo } from '../../protocol';
import type { Assignment } from '../../state/roleAssignments';
import { RoleRow } from './RoleRow';

/** Past this many columns only the rows in view are rendered (20,000 columns: 380k nodes). */
export const VIRTUAL_FROM = 300;
const ROW_PX = 37;

interface Props {
  rows: Assignment[];
  kinds: Map<string, ColumnInfo>;
  onChange: (i: number, next: Assignment) => void;
  table: (body: ReactNode) => ReactNode;
}

/** The role table's rows: all of them for a few hundred columns, a window of them beyond. */
export function RoleRows({ rows, kinds, onChange, table }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM;
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const row = (i: number) => (
    <RoleRow
      key={rows[i]!.column}
      row={rows[i]!}
      info={kinds.get(rows[i]!.column)!}
      onChange={(next) => onChange(i, next)}
    />
  );
  if (!virtual) return <>{table(rows.map((_, i) => row(i)))}</>;
  const items = v.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = v.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div ref={scroller} className="roles-scroll">
      {table(
        <>
          {top > 0 && <tr aria-hidden="true" style={{ height: top }} />}
          {items.map((it) => row(it.index))}
          {bottom > 0 && <tr aria-hidden="true" style={{ height: bottom }} />}
        </>,
      )}
    </div>
  );
}
