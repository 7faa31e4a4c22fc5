import { useView } from '../../state/viewStore';
import { useDataset } from '../../state/datasetStore';
import { useNeighbours } from './useNeighbours';
import { useNeighbourSettings } from './neighbourSettings';
import { AgreementLine, NeighboursTable, OverlapLine } from './NeighboursTable';
import { NeighbourControls } from './NeighbourControls';

/** Nearest neighbours of one row, with the agreement of their labels; used by the row detail. */
export function NeighboursSection({ rowId }: { rowId: string }) {
  const state = useNeighbours(rowId);
  const metric = useNeighbourSettings((s) => s.metric);
  const embeddings = useDataset((s) => s.roles?.embeddings ?? []);
  const focusRow = useView((s) => s.focusRow);
  return (
    <section className="neighbours-section" aria-label="Nearest neighbours">
      <h3>Nearest neighbours</h3>
      {embeddings.length === 0 ? (
        <p>This dataset has no embedding column, so there are no neighbours to show.</p>
      ) : (
        <>
          <NeighbourControls embedding={state.embedding} />
          {state.error && <p role="alert">{state.error}</p>}
          {state.loading && !state.result && <p>Searching…</p>}
          {state.result && !state.result.error && (
            <>
              <AgreementLine result={state.result} />
              <OverlapLine result={state.result} />
              <NeighboursTable result={state.result} metric={metric} onPick={focusRow} />
            </>
          )}
        </>
      )}
    </section>
  );
}
