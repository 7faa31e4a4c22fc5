import type { ReactNode } from 'react';
import { type ColumnsLoading, useDataset } from '../../state/datasetStore';
import type { DatasetSummary } from '../../protocol';

const percent = (l: ColumnsLoading) => Math.min(99, Math.floor(l.fraction * 100));

function describe(l: ColumnsLoading, waitingFor: string[]): string {
  const now = l.current && waitingFor.includes(l.current) ? l.current : waitingFor[0]!;
  const more = waitingFor.length > 1 ? ` and ${waitingFor.length - 1} more` : '';
  return `Loading column ${now}${more}… ${percent(l)}%`;
}

/** "Loading column x… p%" while any of `names` is still being read; null when all are read. */
export function useLoadingNote(names: string[]): string | null {
  const l = useDataset((s) => s.columnsLoading);
  if (!l) return null;
  const waiting = names.filter((n) => l.pending.includes(n));
  return waiting.length ? describe(l, waiting) : null;
}

/** In the status line while columns are still being read after the dataset opened. */
export function ColumnsProgress() {
  const l = useDataset((s) => s.columnsLoading);
  if (!l) return null;
  return (
    <span className="columns-loading" aria-live="off">
      Reading {l.pending.length} more {l.pending.length === 1 ? 'column' : 'columns'}… {percent(l)}%
    </span>
  );
}

/** Which pending columns a view needs before it can show anything sensible. */
export type Needs = 'features' | 'all';

function waitingFor(summary: DatasetSummary | null, l: ColumnsLoading, needs: Needs): string[] {
  if (needs === 'all' || !summary) return l.pending;
  const kinds = new Map(summary.columns.map((c) => [c.name, c.kind]));
  return l.pending.filter((n) => kinds.get(n) !== 'vector');
}

/**
 * Shows `children` once the columns the view needs are read; until then says which column is
 * being read and how far along. The view mounts once, when they are there: nothing it shows
 * is replaced under the user.
 */
export function WaitForColumns({ needs, children }: { needs: Needs; children: ReactNode }) {
  const l = useDataset((s) => s.columnsLoading);
  const summary = useDataset((s) => s.summary);
  const waiting = l ? waitingFor(summary, l, needs) : [];
  if (!l || waiting.length === 0) return <>{children}</>;
  return (
    <section className="panel columns-wait">
      <p
        role="progressbar"
        aria-label="Loading columns"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent(l)}
        aria-valuetext={describe(l, waiting)}
      >
        {describe(l, waiting)}
      </p>
      <p className="note">
        The file opened with the columns the Overview needs; this view needs the rest, which are
        still being read.
      </p>
    </section>
  );
}
