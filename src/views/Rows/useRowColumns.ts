import { useEffect, useState } from 'react';
import { useDataset } from '../../state/datasetStore';
import { client } from '../../worker/client';
import type { Analysis } from '../../protocol';
import type { RowColumn } from '../../protocol';

/** The columns the rows table can show, asked again whenever the roles are (re)analysed. */
export function useRowColumns(): RowColumn[] | null {
  const analysis = useDataset((s) => s.analysis);
  const [got, setGot] = useState<{ for: Analysis; columns: RowColumn[] } | null>(null);
  useEffect(() => {
    if (!analysis) return;
    let live = true;
    client.rowColumns().then(
      (columns) => live && setGot({ for: analysis, columns }),
      () => live && setGot({ for: analysis, columns: [] }),
    );
    return () => {
      live = false;
    };
  }, [analysis]);
  return got && got.for === analysis ? got.columns : null;
}
