import type { SlicesProgress, SlicesRequest } from '../../../protocol';
import type { Session } from '../../session/session';
import { cancelSlices, findSlices } from './slices';

/** The slice finder: streams results best-first; a new search or cancel stops the last one. */
export function slicesApi(session: Session) {
  return {
    findSlices: (req: SlicesRequest, onProgress?: SlicesProgress) =>
      findSlices(session.dataset, req, onProgress),
    cancelSlices: () => cancelSlices(),
  };
}
