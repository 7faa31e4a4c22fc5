import { create } from 'zustand';
import { InstanceView } from '../Instance/InstanceView';

/** The point under the pointer (-1 = none); only the hover card re-renders when it changes. */
const useHovered = create<{ row: number }>(() => ({ row: -1 }));

export function setHovered(row: number): void {
  if (useHovered.getState().row !== row) useHovered.setState({ row });
}

/** The hovered row's image or text in the map's tooltip. */
export function HoverInstance() {
  const row = useHovered((s) => s.row);
  return row < 0 ? null : <InstanceView row={row} name={`point ${row}`} small />;
}
