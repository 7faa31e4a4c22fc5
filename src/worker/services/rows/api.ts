import type { RowDetailRequest, RowsRequest } from '../../../protocol';
import type { Session } from '../../session/session';
import { rowDetail } from './rowDetail';
import { rowsOf } from './rows';

/** Pages of rows, find by id, and one row's detail. */
export function rowsApi(session: Session) {
  const rows = () => rowsOf(session.dataset);
  return {
    rowColumns: () => rows().columns(),
    rows: (req: RowsRequest) => rows().rows(req),
    findIds: (prefix: string, limit: number, nearest?: boolean) =>
      rows().findIds(prefix, limit, nearest),
    rowDetail: (req: RowDetailRequest) => rowDetail(rows(), req),
  };
}
