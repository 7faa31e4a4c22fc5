import type { RoleMapping } from '../../../shared/roles';
import type { ColumnsUpdate, Progress, Source } from '../../../protocol';
import type { Session } from '../../session/session';

/** Opening files and the session's settings (roles, thresholds). */
export function datasetApi(session: Session) {
  return {
    /** `token` names the open: only the latest one may replace the dataset (see Session.open). */
    open: (
      sources: Source[],
      onProgress: (p: Progress) => void,
      token: number,
      onColumns?: (u: ColumnsUpdate) => void,
    ) => session.open(sources, onProgress, token, onColumns),
    cancelOpen: (token: number) => session.cancelOpen(token),
    analyse: (mapping: RoleMapping) => session.analyse(mapping),
    classesOf: (mapping: RoleMapping) => session.classesOf(mapping),
    setThresholds: (t: Record<string, number>) => session.setThresholds(t),
  };
}
