import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CohortDef, CohortStats } from '../../protocol';
import { CohortChip } from './CohortChip';

/** Chips shown in the bar; past this, the rest are in a searchable list drawn a window at a time. */
export const CHIPS_SHOWN = 40;
const ROW_PX = 40;

interface Props {
  cohorts: CohortDef[];
  stats: Map<string, CohortStats>;
  total: number;
  regression: boolean;
  activeId: string | null;
  onSelect: (id: string) => void;
}

/** Every cohort, filtered by name, rendered virtually (1,000 cohorts: a screenful of nodes). */
export function CohortList({ cohorts, stats, total, regression, activeId, onSelect }: Props) {
  const [query, setQuery] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const q = query.trim().toLowerCase();
  const shown = q ? cohorts.filter((c) => c.name.toLowerCase().includes(q)) : cohorts;
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
  });
  return (
    <details className="cohort-list">
      <summary>All {cohorts.length} cohorts</summary>
      <input
        type="search"
        aria-label="Find a cohort by name"
        placeholder="Find a cohort by name"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div ref={scroller} className="cohort-list-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => {
            const c = shown[it.index]!;
            return (
              <div
                key={c.id}
                className="cohort-list-row"
                style={{ transform: `translateY(${it.start}px)` }}
              >
                <CohortChip
                  name={c.name}
                  stats={stats.get(c.id) ?? null}
                  total={total}
                  regression={regression}
                  active={c.id === activeId}
                  onSelect={() => onSelect(c.id)}
                />
              </div>
            );
          })}
        </div>
      </div>
    </details>
  );
}
