import type { RoleMapping } from '../../../shared/roles';
import type { Progress, Source } from '../../../protocol';
import type { Session } from '../../session/session';

/** Opening files and the session's settings (roles, thresholds). */
export function datasetApi(session: Session) {
  return {
    open: (sources: Source[], onProgress: (p: Progress) => void) =>
      session.open(sources, onProgress),
    analyse: (mapping: RoleMapping) => session.analyse(mapping),
    setThresholds: (t: Record<string, number>) => session.setThresholds(t),
  };
}
