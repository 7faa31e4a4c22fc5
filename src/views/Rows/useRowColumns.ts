import type { RowColumn } from '../../protocol';
import { client } from '../../worker/client';
import { useWorkerQuery } from '../../state/query/useWorkerQuery';

/** The columns the rows table can show, asked again whenever the roles are (re)analysed. */
export function useRowColumns(): RowColumn[] | null {
  const q = useWorkerQuery({}, () => client.rowColumns(), { keepPrevious: false });
  return q.error ? [] : q.data;
}
