import * as Comlink from 'comlink';
import type { InstanceTextRequest, ThumbnailsRequest } from '../../../protocol';
import type { Session } from '../../session/session';
import { instanceText } from './text';
import { thumbnails } from './thumbnails';

/** Rows as people see them: images as RGBA pixels, texts clipped with the cohort's matches. */
export function instancesApi(session: Session) {
  return {
    // Pixels move to the page, not copied: a screen of thumbnails is a few MB.
    thumbnails: async (req: ThumbnailsRequest) => {
      const out = await thumbnails(session.dataset, req);
      const buffers = out.flatMap((t) => ('rgba' in t ? [t.rgba.buffer as ArrayBuffer] : []));
      return Comlink.transfer(out, buffers);
    },
    instanceText: (req: InstanceTextRequest) => instanceText(session.dataset, req),
  };
}
